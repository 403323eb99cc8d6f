using System.Globalization;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Platforms.Smtp.Store;

/// <summary>What the intake decided about one inbound message, ready to store.</summary>
/// <param name="SourceId">Stable id of the message in its mailbox (Maildir file name, IMAP UIDVALIDITY/UID), for idempotence.</param>
/// <param name="Kind">The classification.</param>
/// <param name="DeliveryId">The delivery it was attributed to; null when none.</param>
/// <param name="Detail">A short, address-free explanation (status code, report type).</param>
/// <param name="Raw">The message bytes, kept for unknown messages.</param>
/// <param name="Reactions">Events to record (bounces, complaint, reply, unsubscribe), already attributed.</param>
internal sealed record InboundRecord(
    string SourceId,
    InboundKind Kind,
    long? DeliveryId,
    string? Detail,
    byte[]? Raw,
    IReadOnlyList<StoredEvent> Reactions);

internal sealed partial class SmtpStore
{
    /// <summary>
    /// Stores one inbound message and its effects in one transaction; false when the message was stored before (the
    /// mailbox handed it out again), so a crash between processing and acknowledging never doubles an event.
    /// </summary>
    public Task<bool> RecordInboundAsync(InboundRecord inbound, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            await LockEventsAsync(c, t, cancellationToken);
            var inserted = await ExecuteAsync(c, t,
                "INSERT INTO inbound (source_id, received_at, classification, delivery_id, detail, raw) VALUES (@s, @at, @k, @d, @dt, @raw) ON CONFLICT (source_id) DO NOTHING;",
                cancellationToken, ("s", inbound.SourceId), ("at", Ms(now)), ("k", inbound.Kind.ToString()), ("d", inbound.DeliveryId), ("dt", inbound.Detail), ("raw", inbound.Raw));
            if (inserted == 0)
                return false;
            foreach (var reaction in inbound.Reactions)
            {
                var delivery = reaction.DeliveryId is { } id ? await FindDeliveryAsync(c, t, id, cancellationToken) : null;
                switch (reaction.Kind)
                {
                    case ReactionKind.Complaint when delivery is not null:
                        await ComplainAsync(c, t, delivery, reaction, cancellationToken);
                        break;
                    case ReactionKind.Unsubscribe when delivery is not null:
                        var recipient = await FindRecipientAsync(c, t, delivery.RecipientId, cancellationToken);
                        if (recipient is null || recipient.Erased)
                            break;
                        var applied = reaction.UnsubscribeScope == UnsubscribeScope.Global
                            ? await OptOutGloballyAsync(c, t, recipient, SuppressionReason.Unsubscribed, reaction.OccurredAt, cancellationToken)
                            : await LeaveListAsync(c, t, delivery.ListId, recipient.Id, reaction.OccurredAt, cancellationToken);
                        if (applied)
                            await AppendEventAsync(c, t, reaction, cancellationToken);
                        break;
                    case ReactionKind.Bounce:
                        await AppendEventAsync(c, t, reaction, cancellationToken);
                        if (reaction.BounceCategory == BounceCategory.Hard && reaction.Email is { } email)
                            await AddSuppressionAsync(c, t, Core.Recipients.EmailAddressRules.Normalize(email), SuppressionReason.HardBounce, reaction.Record, reaction.OccurredAt, cancellationToken);
                        break;
                    default:
                        await AppendEventAsync(c, t, reaction, cancellationToken);
                        break;
                }
            }
            return true;
        }, cancellationToken);

    /// <summary>Inbound messages by classification (unknown ones included), for the report.</summary>
    public Task<Dictionary<InboundKind, int>> CountInboundAsync(CancellationToken cancellationToken) =>
        ReadAsync(async c => (await QueryAsync(c, null, "SELECT classification, COUNT(*) FROM inbound GROUP BY classification;",
            r => (Kind: Enum.Parse<InboundKind>(r.GetString(0)), Count: Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken))
            .ToDictionary(x => x.Kind, x => x.Count), cancellationToken);

    /// <summary>The raw bytes of the messages kept as unknown.</summary>
    public Task<List<(string SourceId, byte[]? Raw)>> GetUnknownInboundAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => QueryAsync(c, null, "SELECT source_id, raw FROM inbound WHERE classification = @k ORDER BY id;",
            r => (r.GetString(0), r.IsDBNull(1) ? null : (byte[])r.GetValue(1)), cancellationToken, ("k", InboundKind.Unknown.ToString())), cancellationToken);
}
