using System.Text;
using EmailConnector.Core.Reactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmailConnector.Platforms.Smtp.Tracking;

/// <summary>Maps the built-in SMTP platform's tracking endpoints on the worker's Kestrel.</summary>
public static class TrackingEndpoints
{
    // The 43-byte transparent 1×1 GIF89a.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>
    /// Maps, under <see cref="SmtpPlatformOptions.TrackingPath"/>: <c>GET /o/{token}.gif</c> (open pixel),
    /// <c>GET|HEAD /c/{token}</c> (click redirect to the mailing's stored link), <c>GET /u/{token}</c> (confirmation
    /// page, changes nothing) and <c>POST /u/{token}</c> (RFC 8058 one-click unsubscribe, body
    /// <c>List-Unsubscribe=One-Click</c>). Tokens that do not verify get 404 and record nothing.
    /// Needs <c>AddSmtpPlatform</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapSmtpPlatformTracking(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SmtpPlatformOptions>>().Value;
        var group = endpoints.MapGroup(options.TrackingPath.TrimEnd('/'));

        group.MapGet("/o/{token}.gif", async (string token, HttpContext context) =>
        {
            var tracking = await TrackingOf(context);
            NoStore(context.Response);
            return await tracking.OpenAsync(token, RequestOf(context), context.RequestAborted)
                ? Results.File(Pixel, "image/gif")
                : Results.NotFound();
        });

        group.MapMethods("/c/{token}", [HttpMethods.Get, HttpMethods.Head], async (string token, HttpContext context) =>
        {
            var tracking = await TrackingOf(context);
            NoStore(context.Response);
            var target = await tracking.ClickAsync(token, RequestOf(context), context.RequestAborted);
            return target is null ? Results.NotFound() : Results.Redirect(target, permanent: false);
        });

        group.MapGet("/u/{token}", async (string token, HttpContext context) =>
        {
            var tracking = await TrackingOf(context);
            NoStore(context.Response);
            // Scanners prefetch GET links: the page only offers the choice, it never unsubscribes.
            return await tracking.IsValidUnsubscribeAsync(token, context.RequestAborted)
                ? Results.Content(ConfirmationPage(), "text/html; charset=utf-8")
                : Results.NotFound();
        });

        group.MapPost("/u/{token}", async (string token, HttpContext context) =>
        {
            var tracking = await TrackingOf(context);
            NoStore(context.Response);
            var form = await ReadSmallFormAsync(context.Request, context.RequestAborted);
            if (form is null || !form.TryGetValue("List-Unsubscribe", out var value) || !string.Equals(value, "One-Click", StringComparison.Ordinal))
                return Results.BadRequest();
            var scope = form.TryGetValue("scope", out var chosen)
                ? string.Equals(chosen, "global", StringComparison.OrdinalIgnoreCase) ? UnsubscribeScope.Global : UnsubscribeScope.List
                : context.RequestServices.GetRequiredService<IOptions<SmtpPlatformOptions>>().Value.OneClickScope;
            var channel = form.ContainsKey("scope") ? "confirmation page" : "one-click";
            var applied = await tracking.UnsubscribeAsync(token, scope, RequestOf(context), channel, context.RequestAborted);
            return applied is null ? Results.NotFound() : Results.Content(DonePage(), "text/html; charset=utf-8");
        });

        return group;
    }

    private static async Task<TrackingHandler> TrackingOf(HttpContext context) =>
        (await context.RequestServices.GetRequiredService<SmtpPlatformRuntime>().ReadyAsync(context.RequestAborted)).Tracking;

    private static TrackingRequest RequestOf(HttpContext context)
    {
        var headers = context.Request.Headers;
        return new TrackingRequest(context.Request.Method, context.Connection.RemoteIpAddress, headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
            name => headers.TryGetValue(name, out var value) ? value.ToString() : null);
    }

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store, no-cache, must-revalidate, max-age=0";
        response.Headers.Pragma = "no-cache";
    }

    // RFC 8058 receivers post "List-Unsubscribe=One-Click" form-encoded, some without a content type: read the body as
    // a query string either way, but never more than a few bytes.
    private static async Task<Dictionary<string, string>?> ReadSmallFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const int Limit = 1024;
        if (request.ContentLength > Limit)
            return null;
        var buffer = new byte[Limit + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
                break;
            read += n;
        }
        if (read > Limit)
            return null;
        var parsed = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(buffer, 0, read));
        return parsed.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    private static string ConfirmationPage() =>
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Unsubscribe</title></head>
        <body style="font-family:sans-serif;max-width:36em;margin:3em auto">
        <h1>Unsubscribe</h1>
        <p>Do you want to stop receiving these emails?</p>
        <form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click">
        <p><button type="submit" name="scope" value="list">Unsubscribe from this mailing list</button></p>
        <p><button type="submit" name="scope" value="global">Unsubscribe from all our emails</button></p>
        </form>
        </body></html>
        """;

    private static string DonePage() =>
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Unsubscribed</title></head>
        <body style="font-family:sans-serif;max-width:36em;margin:3em auto"><h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p></body></html>
        """;

}
