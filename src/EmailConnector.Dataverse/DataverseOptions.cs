using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Dataverse;

/// <summary>Configuration of the Dataverse client (section <c>Dataverse</c>).</summary>
public sealed class DataverseOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dataverse";

    /// <summary>The environment URL, <c>https://&lt;org&gt;.crm.dynamics.com</c>. Required.</summary>
    [Required]
    public Uri? Url { get; set; }

    /// <summary>The Entra ID tenant (directory) id. Required unless <see cref="Authority"/> is set.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id of the app registration. Required.</summary>
    [Required]
    public string? ClientId { get; set; }

    /// <summary>The client secret. Never logged. Either this or <see cref="CertificatePath"/> is required.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PKCS#12 file with the app's certificate and private key, instead of a secret.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Overrides the authority (default <c>https://login.microsoftonline.com/&lt;TenantId&gt;</c>).</summary>
    public Uri? Authority { get; set; }

    /// <summary>What <see cref="Authority"/> is: an Entra ID authority (default), a generic OIDC issuer, or a token endpoint.</summary>
    public AuthorityKind AuthorityKind { get; set; } = AuthorityKind.Entra;

    /// <summary>The Web API version. Default <c>v9.2</c>.</summary>
    [Required]
    [RegularExpression(@"^v\d+\.\d+$")]
    public string ApiVersion { get; set; } = DataverseDefaults.ApiVersion;

    /// <summary>Rows per page, 1–5000. Default 5000.</summary>
    [Range(1, 5000)]
    public int MaxPageSize { get; set; } = DataverseDefaults.MaxPageSize;

    /// <summary>Requests per <c>$batch</c> (and members per list-member action), 1–1000. Default 100.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = DataverseDefaults.BatchSize;

    /// <summary>Targets per <c>CreateMultiple</c>/<c>UpdateMultiple</c>/<c>UpsertMultiple</c> call, 1–1000. Default 1000.</summary>
    [Range(1, 1000)]
    public int BulkSize { get; set; } = DataverseDefaults.BulkSize;

    /// <summary>Concurrent requests of this process, 1–52. Default 48.</summary>
    [Range(1, 52)]
    public int MaxConcurrency { get; set; } = DataverseDefaults.MaxConcurrency;

    /// <summary>Requests per <see cref="Window"/>, 1–6000. Default 5800.</summary>
    [Range(1, 6000)]
    public int RequestsPerWindow { get; set; } = DataverseDefaults.RequestsPerWindow;

    /// <summary>The sliding window of <see cref="RequestsPerWindow"/>. Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = DataverseDefaults.Window;

    /// <summary>Retries of one call, 0–50. Default 8.</summary>
    [Range(0, 50)]
    public int MaxRetryAttempts { get; set; } = DataverseDefaults.MaxRetryAttempts;

    /// <summary>The first transient backoff. Default 00:00:02.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = DataverseDefaults.RetryBaseDelay;

    /// <summary>The time one attempt may take. Default 00:02:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan RequestTimeout { get; set; } = DataverseDefaults.RequestTimeout;

    // Internal (not public properties) so that options validation, which reads every public property, never
    // evaluates them on an incomplete configuration.
    internal Uri ServiceRoot => new(new Uri(Url!.GetLeftPart(UriPartial.Authority) + "/"), "api/data/" + ApiVersion + "/");

    internal string Scope => Url!.GetLeftPart(UriPartial.Authority) + "/.default";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("Dataverse:Url must be an absolute URL.", [nameof(Url)]);
        }

        if (Authority is null && string.IsNullOrWhiteSpace(TenantId))
        {
            yield return new ValidationResult("Dataverse:TenantId is required unless Dataverse:Authority is set.", [nameof(TenantId)]);
        }

        if (AuthorityKind != AuthorityKind.Entra && Authority is null)
        {
            yield return new ValidationResult($"Dataverse:Authority is required with AuthorityKind {AuthorityKind}.", [nameof(Authority)]);
        }

        if (AuthorityKind == AuthorityKind.TokenEndpoint && !string.IsNullOrEmpty(CertificatePath))
        {
            yield return new ValidationResult("A token endpoint is asked with a client secret, not a certificate.", [nameof(CertificatePath)]);
        }

        if (string.IsNullOrEmpty(ClientSecret) == string.IsNullOrEmpty(CertificatePath))
        {
            yield return new ValidationResult(
                "Set exactly one of Dataverse:ClientSecret and Dataverse:CertificatePath.", [nameof(ClientSecret), nameof(CertificatePath)]);
        }
    }

    // Options objects end up in debugger views and exception messages; keep the secrets out.
    /// <inheritdoc />
    public override string ToString() => $"Dataverse {Url} (client {ClientId}, secret {(string.IsNullOrEmpty(ClientSecret) ? "none" : "set")})";
}

/// <summary>The kind of token authority.</summary>
public enum AuthorityKind
{
    /// <summary>Microsoft Entra ID (<c>https://login.microsoftonline.com/&lt;tenant&gt;</c>).</summary>
    Entra,

    /// <summary>A generic OpenID Connect issuer over HTTPS, such as the emulator's local issuer with TLS (MSAL).</summary>
    Oidc,

    /// <summary>
    /// <see cref="DataverseOptions.Authority"/> is a plain OAuth 2.0 token endpoint, asked without MSAL: the emulator's
    /// local issuer over loopback HTTP, which MSAL refuses.
    /// </summary>
    TokenEndpoint,
}
