using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Platforms.Dotdigital;

/// <summary>
/// Configuration of the Dotdigital adapter (section <see cref="SectionName"/>). Every default lives here; the values
/// come from the vendor's documentation where it gives one (limits, the 121 s client timeout).
/// </summary>
public sealed class DotdigitalOptions
{
    public const string SectionName = "Platforms:Dotdigital";

    /// <summary>The failure of <see cref="HasAbsoluteEndpoints"/>.</summary>
    public const string AbsoluteEndpointsMessage = "Dotdigital endpoints must be absolute URLs.";

    /// <summary>The API user's login (Settings &gt; Access &gt; API users), usually <c>apiuser-…@apiconnector.com</c>.</summary>
    [Required]
    public string ApiUser { get; set; } = string.Empty;

    /// <summary>The API user's password. Never logged.</summary>
    [Required]
    public string ApiPassword { get; set; } = string.Empty;

    /// <summary>Where <c>GET /v2/account-info</c> is asked for the account's regional endpoint (r1 answers for every region).</summary>
    [Required]
    public Uri DiscoveryEndpoint { get; set; } = new("https://r1-api.dotdigital.com");

    /// <summary>The account's regional endpoint; when set, discovery is skipped.</summary>
    public Uri? ApiEndpoint { get; set; }

    /// <summary>
    /// The contact data field holding the CRM record (<c>contact:6f1c…</c>), set up in the account as a custom contact
    /// identifier so that v3 can match and look up contacts by it. The field is created when missing.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,19}$")]
    public string RecordIdentifier { get; set; } = "CRMRECORDID";

    /// <summary>Recipients per <c>ImportRecipients</c> call (one v3 import job each).</summary>
    [Range(1, 20_000)]
    public int MaxImportBatchSize { get; set; } = 5000;

    /// <summary>The vendor's request body limit for imports; larger batches are split.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxImportBodyBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Pause between two polls of an import job.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ImportPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an import job may stay NotFinished before the call fails transiently (the import is an upsert: repeating it is safe).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ImportTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Per-attempt timeout; the vendor asks clients to wait 121 s before calling a request failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(121);

    /// <summary>Retries of idempotent calls after 5xx, timeouts and connection resets.</summary>
    [Range(0, 10)]
    public int MaxTransientRetries { get; set; } = 3;

    /// <summary>First backoff after a transient failure; doubles per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan TransientBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after a throttling answer (429, or the legacy 400 ERROR_APIUSAGE_EXCEEDED) before the call gives up.</summary>
    [Range(0, 1000)]
    public int MaxThrottleRetries { get; set; } = 60;

    /// <summary>
    /// The longest the adapter waits inside one call for a rate limit to reset; beyond it the call throws
    /// PlatformThrottledException and the worker retries later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "02:00:00")]
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wait after a throttling answer that names no reset time (the legacy flat scheme sends no headers).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DefaultThrottleWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Visibility of the address books the adapter creates.</summary>
    [RegularExpression("^(Private|Public)$")]
    public string AddressBookVisibility { get; set; } = "Private";

    /// <summary>Appended to mailings whose HTML lacks the vendor's mandatory <c>$UNSUB$</c> link.</summary>
    [Required]
    public string UnsubscribeFooterHtml { get; set; } = "<p><a href=\"$UNSUB$\">Unsubscribe</a></p>";

    /// <summary>Appended to the text part when it lacks <c>$UNSUB$</c>.</summary>
    [Required]
    public string UnsubscribeFooterText { get; set; } = "Unsubscribe: $UNSUB$";

    /// <summary>Partner tracking token sent as <c>x-ddg-integration-token</c> on v3 calls, when set.</summary>
    public string? IntegrationToken { get; set; }

    /// <summary>The rule the data annotations cannot express: both endpoints are absolute URLs.</summary>
    public static bool HasAbsoluteEndpoints(DotdigitalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DiscoveryEndpoint is { IsAbsoluteUri: true } && (options.ApiEndpoint is null || options.ApiEndpoint.IsAbsoluteUri);
    }

    /// <summary>
    /// Every rule the options break (data annotations, then <see cref="HasAbsoluteEndpoints"/>), each as
    /// "<c>Member: message</c>", for hosts that validate settings outside the options pipeline.
    /// </summary>
    public static IReadOnlyList<string> Failures(DotdigitalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => string.Join(", ", r.MemberNames) + ": " + r.ErrorMessage).ToList();
        if (!HasAbsoluteEndpoints(options))
            failures.Add(nameof(DiscoveryEndpoint) + ", " + nameof(ApiEndpoint) + ": " + AbsoluteEndpointsMessage);
        return failures;
    }
}
