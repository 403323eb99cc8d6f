using System.Net;
using System.Text.Json;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Emulator.WebApi.Routing;
using Microsoft.AspNetCore.Http;

namespace EmailConnector.Emulator.WebApi.ConsolePage;

/// <summary>
/// The local console page: <c>GET /console</c> (a campaign activity list and form with the solution's command bar),
/// its static assets under <c>/console/assets/</c>, <c>/console/session</c> (a bearer token of the emulator's own
/// client, for loopback callers only), <c>/console/ribbon/&lt;table&gt;</c> (the form command bar read from the
/// solution's RibbonDiff.xml on every call) and the solution's web resources, unchanged, at
/// <c>/WebResources/&lt;name&gt;</c>. The page then talks to the real Web API like any client.
/// </summary>
internal sealed class ConsoleEndpoints(HttpFront front)
{
    public const string PagePath = "/console";
    public const string WebResourcesPath = "/WebResources/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["console.css"] = "text/css; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
        ["xrm.js"] = "text/javascript; charset=utf-8",
    };

    public static bool Handles(string path) =>
        path == PagePath || path.StartsWith(PagePath + "/", StringComparison.Ordinal) || path.StartsWith(WebResourcesPath, StringComparison.Ordinal);

    public ApiResponse Serve(HttpContext context, string path)
    {
        try
        {
            if (context.Request.Method is not ("GET" or "HEAD"))
                throw new WebApiException(405, WebApiErrors.BadRequest, $"The console serves GET only, not {context.Request.Method}.");
            if (path.StartsWith(WebResourcesPath, StringComparison.Ordinal))
                return WebResource(path[WebResourcesPath.Length..]);
            var route = path[PagePath.Length..].Trim('/');
            if (route.Length == 0)
                return Asset("index.html", "text/html; charset=utf-8");
            if (route == "session")
                return Session(context);
            if (route.StartsWith("assets/", StringComparison.Ordinal) && Assets.TryGetValue(route["assets/".Length..], out var type))
                return Asset(route["assets/".Length..], type);
            if (route.StartsWith("ribbon/", StringComparison.Ordinal))
                return Ribbon(route["ribbon/".Length..]);
            throw WebApiErrors.NoSegment(path);
        }
        catch (WebApiException error)
        {
            return ApiResponse.Error(error);
        }
        catch (NotSupportedException unsupported)
        {
            return ApiResponse.Error(new WebApiException(501, WebApiErrors.NotImplementedCode, unsupported.Message));
        }
        catch (FileNotFoundException missing)
        {
            return ApiResponse.Error(new WebApiException(404, WebApiErrors.ResourceNotFound, missing.Message));
        }
        catch (Exception broken) when (broken is InvalidDataException or System.Xml.XmlException)
        {
            return ApiResponse.Error(new WebApiException(500, WebApiErrors.Unexpected, broken.Message));
        }
    }

    private string SolutionFolder =>
        front.Organization.Options.SolutionFolder
        ?? throw new WebApiException(404, WebApiErrors.ResourceNotFound, "The emulator runs without a solution folder, so there are no ribbons or web resources to serve.");

    private ApiResponse WebResource(string name)
    {
        var file = WebResourceCatalog.Read(SolutionFolder).Find(name)
            ?? throw new WebApiException(404, WebApiErrors.ResourceNotFound, $"The solution has no web resource named '{name}'.");
        return new ApiResponse(200) { ContentType = file.ContentType, Body = File.ReadAllBytes(file.Path) }.With("Cache-Control", "no-store");
    }

    private ApiResponse Ribbon(string entity)
    {
        var folder = SolutionFolder;
        var definition = RibbonDefinitionReader.Read(folder, entity, WebResourceCatalog.Read(folder));
        return JsonResponse(definition);
    }

    // The page acts as the emulator's own client; handing its token out is only acceptable to a caller on this machine.
    private ApiResponse Session(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            throw new WebApiException(403, WebApiErrors.Unauthorized, "The console session is only handed out to loopback callers.");
        var clients = front.Options.Authentication.Clients;
        var clientId = clients.ContainsKey(AuthenticationOptions.DefaultClientId)
            ? AuthenticationOptions.DefaultClientId
            : clients.Keys.Order(StringComparer.Ordinal).FirstOrDefault()
                ?? throw new WebApiException(500, WebApiErrors.Unexpected, "No client is registered with the emulator's token issuer.");
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        var organization = front.Organization;
        return JsonResponse(new
        {
            serviceRoot = origin + HttpFront.ServicePrefix + "/",
            accessToken = front.Tokens.Issue(clientId, origin, front.Issuer(origin)),
            expiresIn = (long)front.Options.Authentication.TokenLifetime.TotalSeconds,
            clientId,
            userId = clients[clientId].UserId ?? organization.Options.DefaultUserId,
            organizationId = organization.Options.OrganizationId,
            languageId = 1033,
            solution = organization.Solution.UniqueName,
            entitySets = organization.Catalog.Tables.ToDictionary(t => t.LogicalName, t => t.EntitySetName, StringComparer.Ordinal),
        });
    }

    private static ApiResponse Asset(string name, string contentType)
    {
        using var stream = typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream("ConsolePage." + name)
            ?? throw new InvalidDataException($"The console asset '{name}' is not embedded in the emulator.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new ApiResponse(200) { ContentType = contentType, Body = buffer.ToArray() }.With("Cache-Control", "no-store");
    }

    private static ApiResponse JsonResponse(object value) =>
        new ApiResponse(200) { ContentType = "application/json; charset=utf-8", Body = JsonSerializer.SerializeToUtf8Bytes(value, Json) }
            .With("Cache-Control", "no-store");
}
