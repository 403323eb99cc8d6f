namespace EmailConnector.Platforms.Dotdigital.Double.State;

/// <summary>A scripted reaction (control API).</summary>
public sealed class ReactionScript
{
    /// <summary>open, click, softbounce, hardbounce, reply, autoreply, unsubscribe, listunsubscribe, complaint.</summary>
    public string Kind { get; set; } = "open";

    public int CampaignId { get; set; }

    /// <summary>The contact, by id …</summary>
    public long? ContactId { get; set; }

    /// <summary>… or by the value of a custom identifier (the CRM record).</summary>
    public string? Record { get; set; }

    public string? Url { get; set; }

    public string? IpAddress { get; set; } = "192.0.2.10";

    public string? UserAgent { get; set; } = "Mozilla/5.0 (double)";

    /// <summary>When it happened; default now. Older than now with <see cref="Late"/> makes a late-recorded event.</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>Record the event now although it happened at <see cref="OccurredAt"/> (write-buffer lag).</summary>
    public bool Late { get; set; }
}

internal sealed partial class DoubleState
{
    public void React(ReactionScript script)
    {
        var campaign = CampaignById(script.CampaignId);
        var contact = (script.ContactId is { } id ? Contacts.GetValueOrDefault(id) : null)
            ?? (script.Record is { } record ? Options.CustomIdentifiers.Select(c => ByIdentifier(c, record)).FirstOrDefault(c => c is not null) : null)
            ?? throw DoubleError.V2(404, "Contact not found. ERROR_CONTACT_NOT_FOUND");
        var activity = Activities.FirstOrDefault(a => a.CampaignId == campaign.Id && a.ContactId == contact.Id)
            ?? throw DoubleError.V2(400, "The contact was not sent this campaign. ERROR_CAMPAIGN_CONTACT_NOT_SENT");
        var at = Truncate(script.OccurredAt ?? Now);
        var recorded = script.Late ? Now : at;
        activity.LastActivity = recorded > activity.LastActivity ? recorded : activity.LastActivity;

        EventRow Row(string kind, string? replyType = null) => new()
        {
            Seq = NextSeq(), CampaignId = campaign.Id, ContactId = contact.Id, Email = contact.Email, Kind = kind, Date = at, VisibleAt = recorded,
            Url = script.Url, IpAddress = script.IpAddress, UserAgent = script.UserAgent, MailClient = "Double Mail", ReplyType = replyType,
        };

        switch (script.Kind.ToLowerInvariant())
        {
            case "open":
                Events.Add(Row("open"));
                activity.NumOpens++;
                activity.FirstOpened ??= at;
                activity.FirstOpenIp ??= script.IpAddress;
                activity.LastOpened = at;
                break;
            case "click":
                Events.Add(Row("click"));
                activity.NumClicks++;
                break;
            case "reply":
            case "autoreply":
                Events.Add(Row("reply", script.Kind.Equals("reply", StringComparison.OrdinalIgnoreCase) ? "Reply" : "AutoReply"));
                activity.NumReplies++;
                break;
            case "softbounce":
                activity.SoftBounced = true;
                break;
            case "hardbounce":
                activity.HardBounced = true;
                contact.Status = "HardBounced";
                AddSuppression(contact, "HardBounced", null, at, recorded);
                break;
            case "unsubscribe":
                activity.Unsubscribed = true;
                contact.Status = "Unsubscribed";
                AddSuppression(contact, "Unsubscribed", null, at, recorded);
                break;
            case "listunsubscribe":
                activity.Unsubscribed = true;
                foreach (var book in campaign.Books)
                {
                    contact.Lists[book] = new Membership { Status = "suppressed", Since = at };
                    AddSuppression(contact, "Unsubscribed", book, at, recorded);
                }
                break;
            case "complaint":
                activity.Complained = true;
                contact.Status = "IspComplained";
                AddSuppression(contact, "IspComplained", null, at, recorded);
                break;
            default:
                throw DoubleError.V2(400, $"Unknown reaction '{script.Kind}'. ERROR_DOUBLE_SCRIPT");
        }
    }

    /// <summary>Somebody signs up through a form: a contact without a CRM record, subscribed to the book.</summary>
    public Contact SignUp(int bookId, string email, IReadOnlyDictionary<string, string?> fields)
    {
        WritableBook(bookId);
        var contact = ByEmail(email) ?? NewContact(email);
        foreach (var (name, value) in fields)
        {
            DataFields.TryAdd(name, new DataField { Name = name });
            SetField(contact, name, value);
        }
        contact.Lists[bookId] = new Membership { Status = "subscribed", Since = Now };
        return contact;
    }

    /// <summary>The campaign summary, counted from the event store so CRM aggregates can be compared with it.</summary>
    public Dictionary<string, object?> Summary(int campaignId)
    {
        var campaign = CampaignById(campaignId);
        var rows = Activities.Where(a => a.CampaignId == campaign.Id).ToList();
        var events = Events.Where(e => e.CampaignId == campaign.Id && e.VisibleAt <= Now).ToList();
        var sent = rows.Count;
        var hard = rows.Count(a => a.HardBounced);
        var soft = rows.Count(a => a.SoftBounced && !a.HardBounced);
        var delivered = sent - hard;
        var opens = events.Count(e => e.Kind == "open");
        var uniqueOpens = events.Where(e => e.Kind == "open").Select(e => e.ContactId).Distinct().Count();
        var clicks = events.Count(e => e.Kind == "click");
        var clickers = events.Where(e => e.Kind == "click").Select(e => e.ContactId).Distinct().Count();
        var replies = events.Count(e => e.Kind == "reply");
        var unsubscribes = rows.Count(a => a.Unsubscribed);
        var complaints = rows.Count(a => a.Complained);
        static double Percent(int count, int of) => of == 0 ? 0 : Math.Round(100.0 * count / of, 2);

        var summary = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["numRecipientsClicked"] = clickers,
            ["numPageViews"] = 0, ["numTotalPageViews"] = 0, ["numTextPageViews"] = 0,
            ["numEstimatedForwards"] = 0, ["numTextEstimatedForwards"] = 0, ["numTotalEstimatedForwards"] = 0,
            ["percentageDelivered"] = Percent(delivered, sent),
            ["percentageUniqueOpens"] = Percent(uniqueOpens, delivered),
            ["percentageOpens"] = Percent(opens, delivered),
            ["percentageUnsubscribes"] = Percent(unsubscribes, delivered),
            ["percentageReplies"] = Percent(replies, delivered),
            ["percentageHardBounces"] = Percent(hard, sent),
            ["percentageSoftBounces"] = Percent(soft, sent),
            ["percentageUsersClicked"] = Percent(clickers, delivered),
            ["percentageClicksToOpens"] = Percent(clickers, uniqueOpens),
            ["numOrders"] = 0, ["numAssistedOrders"] = 0, ["conversionRate"] = 0,
        };
        foreach (var (name, value) in new (string, int)[]
        {
            ("UniqueOpens", uniqueOpens), ("Opens", opens), ("Clicks", clicks), ("Forwards", 0), ("Replies", replies),
            ("HardBounces", hard), ("SoftBounces", soft), ("Unsubscribes", unsubscribes), ("IspComplaints", complaints),
            ("MailBlocks", 0), ("Sent", sent), ("Delivered", delivered),
        })
        {
            // Every counter exists as HTML (num…), plain text (numText…) and total (numTotal…); the double mails HTML only.
            summary["num" + name] = value;
            summary["numText" + name] = 0;
            summary["numTotal" + name] = value;
        }
        if (rows.Count > 0)
            summary["dateSent"] = rows.Min(a => a.DateSent); // not yet sent: no date at all (the field is not nullable)
        summary.Remove("numTotalForwards");
        summary.Remove("numTextUniqueOpens");
        summary["numUniqueTextOpens"] = 0;
        return summary;
    }

    private static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
