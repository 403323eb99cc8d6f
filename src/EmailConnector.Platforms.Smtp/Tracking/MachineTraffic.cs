using System.Net;

namespace EmailConnector.Platforms.Smtp.Tracking;

/// <summary>
/// Tells machine opens and clicks from human ones (flagged, never dropped): Apple Mail Privacy Protection and
/// prefetching proxies load the pixel without a person; link scanners (Safe Links, Proofpoint, Mimecast …) follow
/// every link, often with HEAD, within seconds of delivery, or with tool user agents.
/// </summary>
internal static class MachineTraffic
{
    private static readonly string[] ScannerAgents =
    [
        "safelinks", "proofpoint", "mimecast", "barracuda", "cisco", "ironport", "fortiguard", "trendmicro", "sophos",
        "symantec", "forcepoint", "bingpreview", "bot", "crawler", "spider", "python-requests", "python-urllib", "curl/", "wget",
        "go-http-client", "java/", "okhttp", "libwww", "headlesschrome", "phantomjs", "slackbot", "facebookexternalhit",
        "skypeuripreview", "microsoft office", "preview",
    ];

    // Apple owns 17.0.0.0/8; its privacy proxies fetch with the bare agent "Mozilla/5.0".
    private static readonly (IPAddress Network, int Bits)[] AppleRanges = [(IPAddress.Parse("17.0.0.0"), 8)];

    /// <summary>The reason an open is a machine's, or null for a (presumably) human open.</summary>
    public static string? OpenReason(string? userAgent, IPAddress? ip, Func<string, string?> header)
    {
        if (IsPrefetch(header))
            return "prefetch";
        if (string.Equals(userAgent?.Trim(), "Mozilla/5.0", StringComparison.Ordinal))
            return "apple-mpp";
        if (ip is not null && AppleRanges.Any(r => InRange(ip, r.Network, r.Bits)))
            return "apple-mpp";
        if (string.IsNullOrWhiteSpace(userAgent))
            return "no-user-agent";
        return null;
    }

    /// <summary>The reason a click is a machine's, or null for a (presumably) human click.</summary>
    public static string? ClickReason(string method, string? userAgent, DateTimeOffset now, DateTimeOffset? sentAt, TimeSpan scannerWindow, Func<string, string?> header)
    {
        if (string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase))
            return "head-request";
        if (IsPrefetch(header))
            return "prefetch";
        if (string.IsNullOrWhiteSpace(userAgent))
            return "no-user-agent";
        var agent = userAgent.ToLowerInvariant();
        if (ScannerAgents.Any(agent.Contains))
            return "scanner-agent";
        if (sentAt is { } sent && now - sent < scannerWindow)
            return "too-soon-after-send";
        return null;
    }

    private static bool IsPrefetch(Func<string, string?> header) =>
        ContainsPrefetch(header("Purpose")) || ContainsPrefetch(header("Sec-Purpose")) || ContainsPrefetch(header("X-Moz")) ||
        ContainsPrefetch(header("X-Purpose"));

    private static bool ContainsPrefetch(string? value) =>
        value is not null && (value.Contains("prefetch", StringComparison.OrdinalIgnoreCase) || value.Contains("preview", StringComparison.OrdinalIgnoreCase));

    private static bool InRange(IPAddress ip, IPAddress network, int bits)
    {
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        if (ip.AddressFamily != network.AddressFamily)
            return false;
        var a = ip.GetAddressBytes();
        var b = network.GetAddressBytes();
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (b[i] & mask))
                return false;
        }
        return true;
    }
}
