using System.Net;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Smtp.Composition;
using EmailConnector.Platforms.Smtp.Store;
using EmailConnector.Platforms.Smtp.Tokens;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Platforms.Smtp.Tracking;

/// <summary>One tracking request as the endpoints see it (no ASP.NET types, so the logic tests without a server).</summary>
internal sealed record TrackingRequest(string Method, IPAddress? RemoteIp, string? UserAgent, Func<string, string?> Header);

/// <summary>
/// The logic behind the tracking endpoints: verifies the token, records opens and clicks (machine ones flagged),
/// resolves click targets from the mailing's stored links only, and applies unsubscribes exactly once. A token that
/// does not verify records nothing.
/// </summary>
internal sealed class TrackingHandler(SmtpStore store, TokenService tokens, SmtpPlatformOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Records an open; false when the token is not valid.</summary>
    public async Task<bool> OpenAsync(string token, TrackingRequest request, CancellationToken cancellationToken)
    {
        var delivery = await ResolveAsync(token, TokenPurpose.Open, "open", cancellationToken);
        if (delivery is null)
            return false;
        var reason = MachineTraffic.OpenReason(request.UserAgent, request.RemoteIp, request.Header);
        await store.AppendEventAsync(Reaction(delivery, ReactionKind.Open, request) with { IsMachine = reason is not null, MachineReason = reason }, cancellationToken);
        return true;
    }

    /// <summary>Records a click and returns where to redirect; null when the token or the link is not valid.</summary>
    public async Task<string?> ClickAsync(string token, TrackingRequest request, CancellationToken cancellationToken)
    {
        if (!tokens.TryReadTrackingToken(token, TokenPurpose.Click, out var deliveryId, out var linkIndex))
        {
            Log.TrackingRefused(logger, "click", "token does not verify");
            return null;
        }
        var delivery = await store.GetDeliveryAsync(deliveryId, cancellationToken);
        var link = delivery is null ? null : await store.GetLinkAsync(delivery.MailingId, linkIndex, cancellationToken);
        if (delivery is null || link is null)
        {
            Log.TrackingRefused(logger, "click", "no such delivery or link");
            return null;
        }
        var target = MailingTemplate.RenderUrl(link, name => MessageComposer.FieldLabel(delivery.Fields, delivery.Email, name));
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Log.TrackingRefused(logger, "click", "stored link does not render to an http(s) URL");
            return null;
        }
        var now = time.GetUtcNow();
        var reason = MachineTraffic.ClickReason(request.Method, request.UserAgent, now, delivery.SentAt, options.ScannerClickWindow, request.Header);
        await store.AppendEventAsync(Reaction(delivery, ReactionKind.Click, request) with { Url = target, IsMachine = reason is not null, MachineReason = reason }, cancellationToken);
        return uri.AbsoluteUri;
    }

    /// <summary>True when an unsubscribe token is valid (for the confirmation page, which changes nothing).</summary>
    public async Task<bool> IsValidUnsubscribeAsync(string token, CancellationToken cancellationToken) =>
        await ResolveAsync(token, TokenPurpose.Unsubscribe, "unsubscribe page", cancellationToken) is not null;

    /// <summary>
    /// Applies an unsubscribe; null when the token is not valid, otherwise whether this request changed anything (a
    /// repeated POST changes nothing and records nothing).
    /// </summary>
    public async Task<bool?> UnsubscribeAsync(string token, UnsubscribeScope scope, TrackingRequest request, string channel, CancellationToken cancellationToken)
    {
        var delivery = await ResolveAsync(token, TokenPurpose.Unsubscribe, "unsubscribe", cancellationToken);
        if (delivery is null)
            return null;
        var applied = await store.UnsubscribeDeliveryAsync(delivery, scope, Reaction(delivery, ReactionKind.Unsubscribe, request), cancellationToken);
        if (applied)
            Log.Unsubscribed(logger, delivery.DeliveryId, scope.ToString(), channel);
        return applied;
    }

    private async Task<DeliveryInfo?> ResolveAsync(string token, TokenPurpose purpose, string endpoint, CancellationToken cancellationToken)
    {
        if (!tokens.TryReadTrackingToken(token, purpose, out var deliveryId, out _))
        {
            Log.TrackingRefused(logger, endpoint, "token does not verify");
            return null;
        }
        var delivery = await store.GetDeliveryAsync(deliveryId, cancellationToken);
        if (delivery is null)
            Log.TrackingRefused(logger, endpoint, "no such delivery");
        return delivery;
    }

    private StoredEvent Reaction(DeliveryInfo delivery, ReactionKind kind, TrackingRequest request)
    {
        var now = time.GetUtcNow();
        return new StoredEvent
        {
            EventId = kind.ToString().ToLowerInvariant()[0] + "-" + Guid.CreateVersion7(now).ToString("N"),
            Kind = kind,
            OccurredAt = now,
            RecordedAt = now,
            Record = delivery.Record,
            ListId = delivery.ListId,
            MailingId = delivery.MailingId,
            DeliveryId = delivery.DeliveryId,
            Email = delivery.Email,
            IpAddress = request.RemoteIp?.ToString(),
            UserAgent = request.UserAgent is { Length: > 512 } ua ? ua[..512] : request.UserAgent,
        };
    }
}
