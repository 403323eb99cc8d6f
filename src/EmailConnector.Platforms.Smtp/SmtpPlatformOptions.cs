using System.ComponentModel.DataAnnotations;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Platforms.Smtp;

/// <summary>Where the platform keeps its lists, recipients, mailings and events.</summary>
public enum StoreProvider
{
    /// <summary>A SQLite file under <see cref="SmtpPlatformOptions.DataFolder"/>: one worker process.</summary>
    Sqlite = 1,

    /// <summary>A PostgreSQL database: several worker processes share it.</summary>
    PostgreSql = 2,
}

/// <summary>How rendered messages leave the platform.</summary>
public enum DeliveryMode
{
    /// <summary>One .eml file per message in <see cref="SmtpPlatformOptions.PickupFolder"/> (nothing leaves the machine).</summary>
    Pickup = 1,

    /// <summary>SMTP submission to <see cref="SmtpPlatformOptions.Relay"/> (a local Postfix or a smarthost).</summary>
    Relay = 2,
}

/// <summary>
/// Configuration of the built-in SMTP platform (section <see cref="SectionName"/>). Every default lives here; the
/// defaults run on one machine with no mail server: SQLite, a pickup folder, tracking on localhost.
/// </summary>
public sealed class SmtpPlatformOptions : IValidatableObject
{
    public const string SectionName = "Platforms:Smtp";

    /// <summary>Folder for the SQLite file and the default pickup folder; relative paths are under the current directory.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    public StoreProvider Store { get; set; } = StoreProvider.Sqlite;

    /// <summary>The SQLite file name inside <see cref="DataFolder"/>.</summary>
    [Required]
    public string SqliteFileName { get; set; } = "smtp-platform.db";

    /// <summary>Npgsql connection string; required when <see cref="Store"/> is PostgreSql.</summary>
    public string? PostgreSqlConnectionString { get; set; }

    public DeliveryMode Delivery { get; set; } = DeliveryMode.Pickup;

    /// <summary>Where pickup delivery writes .eml files; relative paths are under <see cref="DataFolder"/>.</summary>
    [Required]
    public string PickupFolder { get; set; } = "pickup";

    public SmtpRelayOptions Relay { get; set; } = new();

    public DkimOptions Dkim { get; set; } = new();

    /// <summary>
    /// Sends marketing mail without a DKIM signature. Gmail and Yahoo reject or junk such mail from bulk senders, so
    /// this is for local use (a pickup folder, a test relay) only.
    /// </summary>
    public bool AllowUnsignedForLocalUse { get; set; }

    /// <summary>Domain of the VERP envelope sender (<c>b+token@domain</c>); its mailbox is the bounce mailbox.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$", ErrorMessage = "ReturnPathDomain must be a host name.")]
    public string ReturnPathDomain { get; set; } = "bounces.localhost";

    /// <summary>Local part of the bounce mailbox; VERP addresses are <c>local+token@ReturnPathDomain</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,20}$")]
    public string BounceLocalPart { get; set; } = "b";

    /// <summary>Local part of the <c>mailto:</c> unsubscribe address in List-Unsubscribe (same domain); null leaves it out.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,20}$")]
    public string? UnsubscribeLocalPart { get; set; } = "u";

    /// <summary>Right-hand side of Message-IDs; defaults to <see cref="ReturnPathDomain"/>.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>The sender id in <c>Feedback-ID: mailing:list:campaign:SenderId</c> (Gmail's feedback loop).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,40}$")]
    public string FeedbackIdSender { get; set; } = "emailconnector";

    /// <summary>Public base URL of the tracking endpoints (open pixel, clicks, unsubscribe), as recipients reach it.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Path under which <c>MapSmtpPlatformTracking</c> maps the endpoints.</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9/_-]*$")]
    public string TrackingPath { get; set; } = "/t";

    /// <summary>
    /// HMAC key for tokens (base64, at least 32 bytes). When unset, a key is generated on first start and kept in the
    /// store, so every worker sharing the store signs alike.
    /// </summary>
    public string? TokenSecret { get; set; }

    /// <summary>Earlier keys, still accepted for links already mailed.</summary>
    public List<string> PreviousTokenSecrets { get; set; } = [];

    /// <summary>What a one-click unsubscribe (RFC 8058 POST, the mailto address) leaves: the list or every mailing.</summary>
    public UnsubscribeScope OneClickScope { get; set; } = UnsubscribeScope.List;

    public bool TrackOpens { get; set; } = true;

    public bool TrackClicks { get; set; } = true;

    /// <summary>A click this soon after the message was sent is flagged as a link scanner's.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ScannerClickWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most messages per minute to one recipient domain; 0 = no limit (the relay throttles).</summary>
    [Range(0, 1_000_000)]
    public int PerDomainMessagesPerMinute { get; set; } = 600;

    /// <summary>How long a domain rests after it deferred a message (421/45x).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DomainPauseAfterDeferral { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts per message before a deferral becomes final.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first deferral; doubled per attempt (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Deliveries claimed per round; a claim expires after <see cref="ClaimDuration"/> (crashed worker).</summary>
    [Range(1, 100_000)]
    public int DispatchBatchSize { get; set; } = 500;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the background service looks for scheduled mailings, retries and new bounce mail.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IntakeOptions Intake { get; set; } = new();

    /// <summary>The Message-ID domain actually used.</summary>
    public string EffectiveMessageIdDomain => string.IsNullOrWhiteSpace(MessageIdDomain) ? ReturnPathDomain : MessageIdDomain;

    /// <summary>The data folder as an absolute path.</summary>
    public string DataFolderPath => Path.GetFullPath(DataFolder);

    /// <summary>The pickup folder as an absolute path.</summary>
    public string PickupFolderPath => Path.IsPathRooted(PickupFolder) ? PickupFolder : Path.Combine(DataFolderPath, PickupFolder);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Store == StoreProvider.PostgreSql && string.IsNullOrWhiteSpace(PostgreSqlConnectionString))
            yield return new ValidationResult("Store is PostgreSql but PostgreSqlConnectionString is empty.", [nameof(PostgreSqlConnectionString)]);
        if (Delivery == DeliveryMode.Relay && string.IsNullOrWhiteSpace(Relay.Host))
            yield return new ValidationResult("Delivery is Relay but Relay:Host is empty.", ["Relay.Host"]);
        if (Intake.Mode == IntakeMode.Maildir && string.IsNullOrWhiteSpace(Intake.MaildirPath))
            yield return new ValidationResult("Intake:Mode is Maildir but Intake:MaildirPath is empty.", ["Intake.MaildirPath"]);
        if (Intake.Mode == IntakeMode.Imap && (string.IsNullOrWhiteSpace(Intake.ImapHost) || string.IsNullOrWhiteSpace(Intake.ImapUserName)))
            yield return new ValidationResult("Intake:Mode is Imap but Intake:ImapHost or Intake:ImapUserName is empty.", ["Intake.ImapHost"]);
        if (TokenSecret is not null && !IsKey(TokenSecret))
            yield return new ValidationResult("TokenSecret must be base64 of at least 32 bytes.", [nameof(TokenSecret)]);
        if (PreviousTokenSecrets.Any(k => !IsKey(k)))
            yield return new ValidationResult("Every PreviousTokenSecrets entry must be base64 of at least 32 bytes.", [nameof(PreviousTokenSecrets)]);
        if (RetryMaxDelay < RetryBaseDelay)
            yield return new ValidationResult("RetryMaxDelay must not be shorter than RetryBaseDelay.", [nameof(RetryMaxDelay)]);
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            yield return new ValidationResult("PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        foreach (var nested in new object[] { Relay, Dkim, Intake })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(nested, new ValidationContext(nested), results, validateAllProperties: true);
            foreach (var result in results)
                yield return result;
        }
    }

    private static bool IsKey(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var length) && length >= 32;
    }
}
