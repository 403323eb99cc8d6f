namespace EmailConnector.Emulator.WebApi.Hosting;

/// <summary>How the Web API front is served. Every default suits tests: an ephemeral loopback port, auth on, limits off.</summary>
public sealed class WebApiOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a self-signed loopback certificate (MSAL accepts only https authorities).</summary>
    public bool UseHttps { get; init; }

    /// <summary>The clock of tokens, service protection windows and injected delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Ids the front chooses itself (creates in change sets and with return=representation); null: random.</summary>
    public Func<Guid>? IdSource { get; init; }

    public AuthenticationOptions Authentication { get; init; } = new();

    public ServiceProtectionOptions ServiceProtection { get; init; } = new();

    /// <summary>The x-ms-dop-hint header value (recommended degree of parallelism).</summary>
    public int DegreeOfParallelismHint { get; init; } = 4;

    /// <summary>Receives one line per request served (the command line prints them).</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>The local token issuer: which clients may get tokens, and the key tokens are signed with.</summary>
public sealed class AuthenticationOptions
{
    public const string DefaultClientId = "emulator-client";
    public const string DefaultClientSecret = "emulator-secret";

    /// <summary>When false, requests without a token run as the default user (the 401 path is then untested).</summary>
    public bool Required { get; init; } = true;

    public string TenantId { get; init; } = "00000000-0000-0000-0000-0000000000e1";

    /// <summary>Client id → registration; the default is one client, emulator-client / emulator-secret.</summary>
    public IReadOnlyDictionary<string, ClientRegistration> Clients { get; init; } =
        new Dictionary<string, ClientRegistration>(StringComparer.Ordinal) { [DefaultClientId] = new(DefaultClientSecret) };

    /// <summary>HMAC-SHA256 key of issued tokens (null: a random key per server, so tokens die with it).</summary>
    public byte[]? SigningKey { get; init; }

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>A client of the local issuer; its tokens act as <see cref="UserId"/> (null: the organization's default user).</summary>
public sealed record ClientRegistration(string Secret, Guid? UserId = null);

/// <summary>Dataverse's service protection limits (dataverse.md §4.1), per user over a sliding window; off by default.</summary>
public sealed class ServiceProtectionOptions
{
    public bool Enabled { get; init; }

    public int RequestLimit { get; init; } = 6000;

    public TimeSpan ExecutionTimeLimit { get; init; } = TimeSpan.FromMinutes(20);

    public int ConcurrencyLimit { get; init; } = 52;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Retry-After sent with a concurrency refusal, which Dataverse answers at once.</summary>
    public TimeSpan ConcurrencyRetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
