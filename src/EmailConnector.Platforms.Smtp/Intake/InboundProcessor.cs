using System.Globalization;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Smtp.Store;
using EmailConnector.Platforms.Smtp.Tokens;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace EmailConnector.Platforms.Smtp.Intake;

/// <summary>
/// Turns a message from the bounce (or reply) mailbox into reactions: RFC 3464 DSNs into bounces (hard, soft,
/// blocked, unknown by Core's <see cref="BounceClassifier"/>, with status code and diagnostic), RFC 5965 feedback
/// reports into complaints, RFC 3834 automatic answers into auto-replies, mail to the <c>mailto:</c> unsubscribe
/// address into unsubscribes, anything else that names one of our messages into a reply. Attribution, in order: the
/// VERP token in the address the message was delivered to, the DSN's ENVID, the returned message's Message-ID, the
/// complaint's Original-Mail-From, and In-Reply-To/References. A message that cannot be parsed or attributed is kept
/// (raw bytes) and counted as unknown; nothing is dropped.
/// </summary>
internal sealed class InboundProcessor(SmtpStore store, TokenService tokens, SmtpPlatformOptions options, TimeProvider time, ILogger logger)
{
    private const string ReplyLocalPart = "r";

    private static readonly string[] DeliveredToHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Rcpt-To"];

    private static readonly string[] AutoReplySubjects =
    [
        "auto:", "automatic reply", "autoreply", "auto-reply", "out of office", "out of the office", "abwesenheitsnotiz",
        "automatische antwort", "réponse automatique", "respuesta automática", "risposta automatica", "vacation",
    ];

    private static readonly string[] BounceSubjects =
    [
        "undeliverable", "undelivered mail", "delivery status notification", "delivery failure", "failure notice",
        "returned mail", "mail delivery failed", "mail delivery system", "nondeliverable", "unzustellbar",
    ];

    /// <summary>Classifies, attributes and stores one message; returns its classification.</summary>
    public async Task<InboundKind> ProcessAsync(string sourceId, byte[] raw, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (FormatException e)
        {
            return await KeepUnknownAsync(sourceId, raw, "not a parseable message: " + e.GetType().Name, cancellationToken);
        }

        var (envelopeDelivery, viaUnsubscribeAddress) = AttributeByEnvelope(message);
        if (message.Body is MultipartReport report)
        {
            if (report.ReportType?.Equals("delivery-status", StringComparison.OrdinalIgnoreCase) == true ||
                report.ReportType?.Equals("global-delivery-status", StringComparison.OrdinalIgnoreCase) == true)
                return await DeliveryStatusAsync(sourceId, raw, message, report, envelopeDelivery, cancellationToken);
            if (report.ReportType?.Equals("feedback-report", StringComparison.OrdinalIgnoreCase) == true)
                return await ComplaintAsync(sourceId, raw, message, report, envelopeDelivery, cancellationToken);
        }

        var delivery = envelopeDelivery ?? AttributeByReferences(message);
        if (IsTextBounce(message))
        {
            if (delivery is null)
                return await KeepUnknownAsync(sourceId, raw, "bounce without a DSN that names none of our messages", cancellationToken);
            var text = message.TextBody ?? string.Empty;
            var diagnostic = Excerpt(text);
            var status = SmtpStatus.Parse(text);
            var category = status?.Class == 2 ? BounceCategory.Unknown : BounceClassifier.Classify(status, text);
            return await StoreAsync(sourceId, InboundKind.Bounce, delivery.Value, "text bounce " + status, null,
                d => [Event(d, ReactionKind.Bounce, message, sourceId, 0) with { BounceCategory = category, StatusCode = status?.ToString(), Diagnostic = diagnostic }],
                raw, cancellationToken);
        }
        if (delivery is null)
            return await KeepUnknownAsync(sourceId, raw, "names none of our messages", cancellationToken);
        if (IsAutoReply(message))
        {
            return await StoreAsync(sourceId, InboundKind.AutoReply, delivery.Value, "RFC 3834 automatic answer", null,
                d => [Event(d, ReactionKind.AutoReply, message, sourceId, 0)], raw, cancellationToken);
        }
        if (viaUnsubscribeAddress)
        {
            return await StoreAsync(sourceId, InboundKind.Unsubscribe, delivery.Value, "mailto unsubscribe", null,
                d => [Event(d, ReactionKind.Unsubscribe, message, sourceId, 0) with { UnsubscribeScope = options.OneClickScope }], raw, cancellationToken);
        }
        return await StoreAsync(sourceId, InboundKind.Reply, delivery.Value, "reply", null,
            d => [Event(d, ReactionKind.Reply, message, sourceId, 0)], raw, cancellationToken);
    }

    private async Task<InboundKind> DeliveryStatusAsync(string sourceId, byte[] raw, MimeMessage message, MultipartReport report, long? envelopeDelivery, CancellationToken cancellationToken)
    {
        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status is null || status.StatusGroups.Count < 2)
            return await KeepUnknownAsync(sourceId, raw, "delivery-status report without recipient fields", cancellationToken);
        var perMessage = status.StatusGroups[0];
        var delivery = envelopeDelivery
            ?? (tokens.TryReadVerpToken(perMessage["Original-Envelope-Id"]?.Trim(), out var byEnvelopeId) ? (long?)byEnvelopeId : null)
            ?? AttributeByReturnedMessage(report);
        if (delivery is null)
            return await KeepUnknownAsync(sourceId, raw, "DSN that names none of our messages", cancellationToken);

        var groups = status.StatusGroups.Skip(1).ToList();
        var failed = groups.Where(g => Action(g) == "failed").ToList();
        var delayed = groups.Where(g => Action(g) == "delayed").ToList();
        var relevant = failed.Count > 0 ? failed : delayed;
        if (relevant.Count == 0)
            return await StoreAsync(sourceId, InboundKind.DeliveryReport, delivery.Value, "DSN action " + Action(groups[0]), null, _ => [], null, cancellationToken);

        var kind = failed.Count > 0 ? InboundKind.Bounce : InboundKind.Delay;
        return await StoreAsync(sourceId, kind, delivery.Value, $"DSN {Action(relevant[0])} {relevant[0]["Status"]?.Trim()}", null, d => relevant.Select((g, i) =>
        {
            var statusText = g["Status"]?.Trim();
            var diagnostic = Unfold(g["Diagnostic-Code"]);
            var smtp = SmtpStatus.Parse(statusText) ?? SmtpStatus.Parse(diagnostic);
            var category = Action(g) == "delayed" || smtp?.Class == 2 ? BounceCategory.Soft : BounceClassifier.Classify(smtp, diagnostic);
            return Event(d, ReactionKind.Bounce, message, sourceId, i, DsnTime(g, perMessage)) with
            {
                BounceCategory = category,
                StatusCode = smtp?.ToString(),
                Diagnostic = diagnostic ?? statusText,
            };
        }).ToList(), null, cancellationToken);
    }

    private async Task<InboundKind> ComplaintAsync(string sourceId, byte[] raw, MimeMessage message, MultipartReport report, long? envelopeDelivery, CancellationToken cancellationToken)
    {
        var feedback = report.OfType<MessageFeedbackReport>().FirstOrDefault();
        long? byMailFrom = null;
        if (feedback?.Fields["Original-Mail-From"] is { } mailFrom && VerpOf(mailFrom.Trim().Trim('<', '>')) is { Delivery: var d })
            byMailFrom = d;
        var delivery = envelopeDelivery ?? byMailFrom ?? AttributeByReturnedMessage(report);
        if (delivery is null)
            return await KeepUnknownAsync(sourceId, raw, "feedback report that names none of our messages", cancellationToken);
        var type = feedback?.Fields["Feedback-Type"]?.Trim() ?? "unknown";
        return await StoreAsync(sourceId, InboundKind.Complaint, delivery.Value, "ARF " + type, null,
            dd => [Event(dd, ReactionKind.Complaint, message, sourceId, 0, ArrivalDate(feedback))], null, cancellationToken);
    }

    private async Task<InboundKind> StoreAsync(
        string sourceId, InboundKind kind, long deliveryId, string detail, byte[]? keep, Func<DeliveryInfo, IReadOnlyList<StoredEvent>> reactions, byte[]? raw, CancellationToken cancellationToken)
    {
        var delivery = await store.GetDeliveryAsync(deliveryId, cancellationToken);
        if (delivery is null)
            return await KeepUnknownAsync(sourceId, raw ?? keep ?? [], $"names delivery {deliveryId}, which no longer exists", cancellationToken);
        await store.RecordInboundAsync(new InboundRecord(sourceId, kind, deliveryId, detail, keep, reactions(delivery)), time.GetUtcNow(), cancellationToken);
        Log.InboundProcessed(logger, sourceId, kind.ToString(), deliveryId);
        return kind;
    }

    private async Task<InboundKind> KeepUnknownAsync(string sourceId, byte[] raw, string reason, CancellationToken cancellationToken)
    {
        await store.RecordInboundAsync(new InboundRecord(sourceId, InboundKind.Unknown, null, reason, raw, []), time.GetUtcNow(), cancellationToken);
        Log.InboundUnknown(logger, sourceId, reason);
        return InboundKind.Unknown;
    }

    private StoredEvent Event(DeliveryInfo delivery, ReactionKind kind, MimeMessage message, string sourceId, int index, DateTimeOffset? when = null)
    {
        var now = time.GetUtcNow();
        var occurred = when ?? (message.Date > DateTimeOffset.MinValue && message.Date <= now ? message.Date : now);
        return new StoredEvent
        {
            EventId = ReactionEventIds.Derive(kind, "delivery:" + delivery.DeliveryId.ToString(CultureInfo.InvariantCulture), delivery.MailingId.ToString(CultureInfo.InvariantCulture),
                occurred, sourceId + "#" + index.ToString(CultureInfo.InvariantCulture)),
            Kind = kind,
            OccurredAt = occurred,
            RecordedAt = now,
            Record = delivery.Record,
            ListId = delivery.ListId,
            MailingId = delivery.MailingId,
            DeliveryId = delivery.DeliveryId,
            Email = delivery.Email,
        };
    }

    /// <summary>The delivery named by the VERP address the message was delivered to, and whether that was the unsubscribe address.</summary>
    private (long? Delivery, bool Unsubscribe) AttributeByEnvelope(MimeMessage message)
    {
        var candidates = DeliveredToHeaders.SelectMany(h => message.Headers.Where(x => x.Field.Equals(h, StringComparison.OrdinalIgnoreCase)).Select(x => x.Value))
            .Concat(message.To.Mailboxes.Select(m => m.Address))
            .Concat(message.Cc.Mailboxes.Select(m => m.Address));
        foreach (var candidate in candidates)
        {
            if (VerpOf(candidate.Trim().Trim('<', '>')) is { } found)
                return (found.Delivery, found.Unsubscribe);
        }
        return (null, false);
    }

    private (long Delivery, bool Unsubscribe)? VerpOf(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
            return null;
        var local = address[..at];
        var plus = local.IndexOf('+');
        if (plus <= 0)
            return null;
        var prefix = local[..plus];
        var isUnsubscribe = options.UnsubscribeLocalPart is { } u && prefix.Equals(u, StringComparison.OrdinalIgnoreCase);
        if (!isUnsubscribe && !prefix.Equals(options.BounceLocalPart, StringComparison.OrdinalIgnoreCase) && !prefix.Equals(ReplyLocalPart, StringComparison.OrdinalIgnoreCase))
            return null;
        return tokens.TryReadVerpToken(local[(plus + 1)..], out var delivery) ? (delivery, isUnsubscribe) : null;
    }

    private long? AttributeByReferences(MimeMessage message)
    {
        var ids = new List<string>();
        if (message.InReplyTo is { } inReplyTo)
            ids.Add(inReplyTo);
        ids.AddRange(message.References);
        return ids.Select(MessageIdToken).FirstOrDefault(d => d is not null);
    }

    private long? AttributeByReturnedMessage(MultipartReport report)
    {
        foreach (var part in report.OfType<MessagePart>())
        {
            var returned = part.Message;
            if (returned is null)
                continue;
            if (MessageIdToken(returned.MessageId) is { } byId)
                return byId;
            foreach (var header in returned.Headers.Where(h => h.Id == HeaderId.ReturnPath || h.Field.Equals("X-Original-Sender", StringComparison.OrdinalIgnoreCase)))
            {
                if (VerpOf(header.Value.Trim().Trim('<', '>')) is { } found)
                    return found.Delivery;
            }
        }
        return null;
    }

    private long? MessageIdToken(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
            return null;
        var id = messageId.Trim().Trim('<', '>');
        var at = id.IndexOf('@');
        if (at <= 0 || !id[(at + 1)..].Equals(options.EffectiveMessageIdDomain, StringComparison.OrdinalIgnoreCase))
            return null;
        return tokens.TryReadVerpToken(id[..at], out var delivery) ? delivery : null;
    }

    private static bool IsAutoReply(MimeMessage message)
    {
        var autoSubmitted = message.Headers["Auto-Submitted"]?.Trim();
        if (autoSubmitted is not null && !autoSubmitted.StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return true;
        if (message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond") || message.Headers.Contains("X-Autoresponder"))
            return true;
        var precedence = message.Headers[HeaderId.Precedence]?.Trim();
        if (precedence is not null && (precedence.Equals("auto_reply", StringComparison.OrdinalIgnoreCase) || precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase) || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase)))
            return true;
        var subject = message.Subject?.Trim() ?? string.Empty;
        return AutoReplySubjects.Any(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsTextBounce(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault()?.LocalPart ?? string.Empty;
        var nullSender = message.Headers[HeaderId.ReturnPath]?.Trim() == "<>";
        var subject = message.Subject ?? string.Empty;
        var daemon = from.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || from.Equals("postmaster", StringComparison.OrdinalIgnoreCase);
        return (daemon || nullSender) && BounceSubjects.Any(s => subject.Contains(s, StringComparison.OrdinalIgnoreCase));
    }

    private static string Action(HeaderList group) => group["Action"]?.Trim().ToLowerInvariant() ?? string.Empty;

    private DateTimeOffset? DsnTime(HeaderList group, HeaderList perMessage)
    {
        var text = group["Last-Attempt-Date"] ?? perMessage["Arrival-Date"];
        return text is not null && MimeKit.Utils.DateUtils.TryParse(text, out var parsed) && parsed <= time.GetUtcNow() ? parsed : null;
    }

    private DateTimeOffset? ArrivalDate(MessageFeedbackReport? feedback)
    {
        var text = feedback?.Fields["Arrival-Date"] ?? feedback?.Fields["Received-Date"];
        return text is not null && MimeKit.Utils.DateUtils.TryParse(text, out var parsed) && parsed <= time.GetUtcNow() ? parsed : null;
    }

    private static string? Unfold(string? value) =>
        value is null ? null : string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())).Trim();

    private static string Excerpt(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        var joined = string.Join(' ', lines);
        return joined.Length <= 500 ? joined : joined[..500];
    }
}
