using System.Globalization;

namespace EmailConnector.Worker.Demo;

/// <summary>What the demo did and what came back into CRM, as printed.</summary>
public sealed class DemoFigures
{
    public Guid CampaignActivityId { get; set; }

    public int Members { get; set; }

    public int PreviewRecipients { get; set; }

    public int PreviewExcluded { get; set; }

    public IReadOnlyDictionary<string, int> PreviewExclusions { get; set; } = new Dictionary<string, int>();

    public int Transferred { get; set; }

    public int Excluded { get; set; }

    public string? TransferSummary { get; set; }

    public int MessagesInPickup { get; set; }

    public PlayedBehaviour Played { get; set; } = new();

    public int CampaignResponses { get; set; }

    public int ResponseOpens { get; set; }

    public int ResponseClicks { get; set; }

    public int ClickRows { get; set; }

    public int EmailActivities { get; set; }

    public int MarkedInvalid { get; set; }

    public int SoftBounceCategory { get; set; }

    public int DoNotBulkEmailBefore { get; set; }

    public int DoNotBulkEmailAfter { get; set; }

    public int ListUnsubscribeRows { get; set; }

    public int Suppressions { get; set; }

    /// <summary>The key figures written onto the campaign activity (column → value), in the platform's words.</summary>
    public IReadOnlyList<(string Name, string Value)> KeyFigures { get; set; } = [];

    public string? ReportPdf { get; set; }

    /// <summary>Why there is no report PDF, when there is none.</summary>
    public string? ReportMissing { get; set; }

    public string PickupFolder { get; set; } = string.Empty;

    public string BounceFolder { get; set; } = string.Empty;

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        void Line(string label, object? value) => output.WriteLine(string.Format(c, "  {0,-44} {1}", label, value));
        output.WriteLine();
        output.WriteLine("EmailConnector demo: what went out");
        Line("campaign activity", CampaignActivityId);
        Line("list members (contacts + leads)", Members);
        Line("preview: recipients", PreviewRecipients);
        Line("preview: excluded", PreviewExcluded + (PreviewExclusions.Count == 0 ? string.Empty
            : " (" + string.Join(", ", PreviewExclusions.Where(e => e.Value > 0).Select(e => e.Key + " " + e.Value.ToString(c))) + ")"));
        Line("transferred to the built-in platform", Transferred);
        Line("excluded by the transfer", Excluded);
        Line("messages in the pickup folder", MessagesInPickup);
        Line("played: opens / machine opens / clicks", $"{Played.HumanOpens} / {Played.MachineOpens} / {Played.Clicks}");
        Line("played: unsubscribes list / global", $"{Played.ListUnsubscribes} / {Played.GlobalUnsubscribes}");
        Line("played: DSN bounces hard / soft", $"{Played.HardBounces} / {Played.SoftBounces}");
        output.WriteLine();
        output.WriteLine("What came back into CRM");
        Line("campaign responses", CampaignResponses);
        Line("  opens / clicks counted on them", $"{ResponseOpens} / {ResponseClicks}");
        Line("email click rows (ec_emailclick)", ClickRows);
        Line("email activities", EmailActivities);
        Line("addresses marked invalid (hard bounce)", MarkedInvalid);
        Line("soft bounce category", SoftBounceCategory);
        Line("do-not-bulk-email before / after", $"{DoNotBulkEmailBefore} / {DoNotBulkEmailAfter}");
        Line("list unsubscribes (ec_listunsubscribe)", ListUnsubscribeRows);
        Line("suppressions (ec_suppression)", Suppressions);
        foreach (var (name, value) in KeyFigures)
            Line("key figure " + name, value);
        Line("report PDF", ReportPdf ?? "none: " + ReportMissing);
        output.WriteLine();
        Line("pickup folder (.eml)", PickupFolder);
        Line("bounce folder (Maildir)", BounceFolder);
        output.WriteLine();
    }
}
