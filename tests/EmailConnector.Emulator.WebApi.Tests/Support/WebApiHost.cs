using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.Support;

/// <summary>
/// A fresh organization served by a real Kestrel on 127.0.0.1 (ephemeral port), with a fake clock, a custom API set
/// for the action tests, and an HttpClient that sends Dataverse's headers and a token from the local issuer.
/// </summary>
internal sealed class WebApiHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    private WebApiHost(EmulatedOrganization organization, EmulatorServer server, FakeTimeProvider clock)
    {
        Organization = organization;
        Server = server;
        Clock = clock;
        Client = NewClient(server, server.IssueToken());
    }

    public EmulatedOrganization Organization { get; }

    public EmulatorServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public string Root => Server.ServiceRoot.ToString();

    public static async Task<WebApiHost> StartAsync(Func<FakeTimeProvider, WebApiOptions>? options = null)
    {
        var clock = new FakeTimeProvider(Start);
        var organization = new EmulatedOrganization(new EmulatorOptions
        {
            TimeProvider = clock,
            SolutionFolder = EmailConnector.Testing.RepositoryPaths.Solution,
            SkipSolutionPlugins = true,
        });
        RegisterTestApis(organization);
        var next = 0;
        var webOptions = options?.Invoke(clock) ?? new WebApiOptions { TimeProvider = clock };
        webOptions = new WebApiOptions
        {
            Port = webOptions.Port,
            UseHttps = webOptions.UseHttps,
            TimeProvider = clock,
            IdSource = webOptions.IdSource ?? (() => new Guid(0x5e000000 + Interlocked.Increment(ref next), 0, 0, new byte[8])),
            Authentication = webOptions.Authentication,
            ServiceProtection = webOptions.ServiceProtection,
            DegreeOfParallelismHint = webOptions.DegreeOfParallelismHint,
        };
        var server = await EmulatorServer.StartAsync(organization, webOptions);
        return new WebApiHost(organization, server, clock);
    }

    public static HttpClient NewClient(EmulatorServer server, string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.ServiceRoot, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
        client.DefaultRequestHeaders.Add("OData-Version", "4.0");
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? json = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return Client.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string url, params (string Name, string Value)[] headers) =>
        await JsonAsync(await SendAsync(HttpMethod.Get, url, null, headers), 200);

    /// <summary>Creates a record over HTTP and returns its id from OData-EntityId.</summary>
    public async Task<Guid> CreateAsync(string set, string json)
    {
        var response = await SendAsync(HttpMethod.Post, set, json);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return IdOf(response);
    }

    public static Guid IdOf(HttpResponseMessage response)
    {
        var url = response.Headers.GetValues("OData-EntityId").Single();
        var open = url.LastIndexOf('(');
        return Guid.Parse(url[(open + 1)..^1]);
    }

    public static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal(2, error.EnumerateObject().Count());
        var code = error.GetProperty("code").GetString()!;
        Assert.Matches("^0x[0-9a-f]{8}$", code);
        return (code, error.GetProperty("message").GetString()!);
    }

    public Guid SeedContact(string lastName, string? email = null, string? firstName = null) =>
        Seed.Contact(Organization.CreateService(), lastName, email, firstName);

    public Guid SeedList(string name, int memberType = 2) => Seed.List(Organization.CreateService(), name, memberType);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    private static void RegisterTestApis(EmulatedOrganization organization)
    {
        organization.RegisterCustomApi(new CustomApiDefinition("ec_Echo", CustomApiBindingType.Global, null, false)
        {
            RequestParameters =
            [
                new CustomApiField("Text", CustomApiFieldType.String, false, null),
                new CustomApiField("Count", CustomApiFieldType.Integer, true, null),
                new CustomApiField("Contact", CustomApiFieldType.EntityReference, true, "contact"),
            ],
            ResponseProperties =
            [
                new CustomApiField("Echo", CustomApiFieldType.String, false, null),
                new CustomApiField("Length", CustomApiFieldType.Integer, false, null),
                new CustomApiField("Contact", CustomApiFieldType.EntityReference, false, "contact"),
            ],
        }, typeof(EchoPlugin));
        organization.RegisterCustomApi(new CustomApiDefinition("ec_Describe", CustomApiBindingType.Entity, "contact", true)
        {
            RequestParameters = [new CustomApiField("Prefix", CustomApiFieldType.String, true, null)],
            ResponseProperties = [new CustomApiField("Description", CustomApiFieldType.String, false, null)],
        }, typeof(DescribePlugin));
        organization.RegisterCustomApi(new CustomApiDefinition("ec_Touch", CustomApiBindingType.Entity, "contact", false), typeof(TouchPlugin));
    }
}

/// <summary>ec_Echo: echoes Text, its length, and the Contact reference (or none).</summary>
public sealed class EchoPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var text = (string)context.InputParameters["Text"];
        var count = context.InputParameters.TryGetValue("Count", out var c) && c is int n ? n : 1;
        context.OutputParameters["Echo"] = string.Concat(Enumerable.Repeat(text, count));
        context.OutputParameters["Length"] = text.Length * count;
        context.OutputParameters["Contact"] = context.InputParameters.TryGetValue("Contact", out var r) ? r : null;
    }
}

/// <summary>ec_Describe (bound function on contact): "&lt;Prefix&gt;&lt;fullname&gt;".</summary>
public sealed class DescribePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var target = (EntityReference)context.InputParameters["Target"];
        var contact = factory.CreateOrganizationService(context.UserId).Retrieve("contact", target.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("fullname"));
        var prefix = context.InputParameters.TryGetValue("Prefix", out var p) ? p as string : null;
        context.OutputParameters["Description"] = (prefix ?? string.Empty) + contact.GetAttributeValue<string>("fullname");
    }
}

/// <summary>ec_Touch (bound action on contact, no response): sets the contact's firstname to "Touched".</summary>
public sealed class TouchPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var target = (EntityReference)context.InputParameters["Target"];
        factory.CreateOrganizationService(context.UserId).Update(new Entity("contact", target.Id) { ["firstname"] = "Touched" });
    }
}
