using EmailConnector.Core.Reactions;

namespace EmailConnector.Platforms.Smtp;

/// <summary>Clicks on one stored link of a mailing.</summary>
public sealed record LinkClicks(string MailingId, int LinkIndex, string Url, int Clicks, int UniqueClicks, int MachineClicks);

/// <summary>
/// The report data of a list beyond <see cref="KeyFigures"/>: machine opens and clicks (flagged, counted in the key
/// figures), clicks per link, and what the bounce mailbox received (unknown messages included).
/// </summary>
public sealed record SmtpListReport(
    KeyFigures Figures,
    int MachineOpens,
    int MachineClicks,
    IReadOnlyList<LinkClicks> Links,
    IReadOnlyDictionary<string, int> InboundByKind);
