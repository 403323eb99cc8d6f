namespace EmailConnector.Platforms.Dotdigital.Double;

/// <summary>How the double behaves. Defaults follow the vendor's documentation where it says something.</summary>
public sealed class DotdigitalDoubleOptions
{
    public string ApiUser { get; set; } = "apiuser-double@apiconnector.com";

    public string ApiPassword { get; set; } = "double-password";

    /// <summary>The folder with the vendor's OpenAPI files; null turns validation off (the double still runs).</summary>
    public string? SpecDirectory { get; set; }

    /// <summary>Custom contact identifiers set up in the account (each backed by a data field of the same name).</summary>
    public IReadOnlyList<string> CustomIdentifiers { get; set; } = ["CRMRECORDID"];

    /// <summary>Serve account-info on one port and the API on another, like r1 discovery and the account's region; the wrong one answers 403.</summary>
    public bool SeparateRegion { get; set; }

    /// <summary>Tiered per-minute limits (the documented scheme). Null: off.</summary>
    public TierLimits? TieredLimits { get; set; } = new();

    /// <summary>The legacy flat scheme: calls per hour, then 400 ERROR_APIUSAGE_EXCEEDED. Null: off.</summary>
    public int? FlatLimitPerHour { get; set; }

    /// <summary>Send <c>X-RateLimit-Reset</c> as a Unix time instead of seconds to wait.</summary>
    public bool ResetAsEpoch { get; set; }

    /// <summary>Write the rate-limit header names in lower case (as HTTP/2 does).</summary>
    public bool LowerCaseHeaders { get; set; }

    /// <summary>Polls answered NotFinished before an import reports its result.</summary>
    public int ImportPollsBeforeFinish { get; set; } = 1;

    /// <summary>Imports running at once before 429 contacts:tooManyActiveImports (the vendor's limit is 25).</summary>
    public int MaxActiveImports { get; set; } = 25;

    /// <summary>Treat <c>A@x.com</c> and <c> a@x.com</c> as one address (expected, not confirmed by the vendor).</summary>
    public bool CaseInsensitiveEmails { get; set; } = true;

    /// <summary>Most address books the account may have.</summary>
    public int MaxAddressBooks { get; set; } = 10_000;
}

/// <summary>Per-minute budgets of the tiered scheme. Only Low/Basic (35) appears in our notes; the others are assumptions.</summary>
public sealed class TierLimits
{
    public int Low { get; set; } = 35;

    public int Medium { get; set; } = 150;

    public int High { get; set; } = 600;
}
