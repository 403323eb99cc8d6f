namespace EmailConnector.Platforms.Dotdigital.Http;

/// <summary>What the handlers need to know about a request, carried in <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class DotdigitalRequest
{
    /// <summary>True when repeating the request cannot change the outcome (GET, PUT, DELETE, upserts, unsubscribes).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("dotdigital.idempotent");

    /// <summary>The route template (<c>GET v2/campaigns/{id}/opens/since-date</c>): free of ids and personal data, used in logs and to learn each route's rate-limit scope.</summary>
    public static readonly HttpRequestOptionsKey<string> Route = new("dotdigital.route");

    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Idempotent, out var idempotent) && idempotent;

    public static string RouteOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Route, out var route) ? route : "unknown";
}
