using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Dataverse.Auth;

/// <summary>
/// Client-credentials tokens from a plain OAuth 2.0 token endpoint (RFC 6749 §4.4), for issuers MSAL cannot use: the
/// emulator's local issuer over loopback HTTP. Tokens are cached and renewed five minutes before they expire, as MSAL
/// does; the clock is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ClientCredentialsTokenSource : ITokenSource, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> used for token requests.</summary>
    public const string HttpClientName = "EmailConnector.Dataverse.Token";

    // MSAL's margin: a token this close to expiry is renewed, so a request never leaves with a token about to die.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly DataverseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ClientCredentialsTokenSource> _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset ExpiresOn)? _cached;

    /// <summary>Creates the source.</summary>
    public ClientCredentialsTokenSource(IHttpClientFactory httpClientFactory, IOptions<DataverseOptions> options, TimeProvider time, ILogger<ClientCredentialsTokenSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Tokens requested from the endpoint so far (not served from the cache).</summary>
    public int TokensRequested { get; private set; }

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh && Fresh() is { } token)
        {
            return token;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (!forceRefresh && Fresh() is { } renewed)
            {
                return renewed;
            }

            var (accessToken, expiresOn) = await RequestAsync(cancellationToken).ConfigureAwait(false);
            _cached = (accessToken, expiresOn);
            TokensRequested++;
            Log.TokenAcquired(_logger, _options.ClientId!, "TokenEndpoint", expiresOn);
            return accessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    private string? Fresh() => _cached is { } cached && cached.ExpiresOn - RefreshMargin > _time.GetUtcNow() ? cached.Token : null;

    private async Task<(string Token, DateTimeOffset ExpiresOn)> RequestAsync(CancellationToken cancellationToken)
    {
        var endpoint = _options.Authority ?? throw new InvalidOperationException("Dataverse:Authority must be the token endpoint.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _options.ClientId!,
            ["client_secret"] = _options.ClientSecret ?? throw new InvalidOperationException("Dataverse:ClientSecret is required with a token endpoint."),
            ["scope"] = _options.Scope,
        });
        var requestedAt = _time.GetUtcNow();
        using var http = _httpClientFactory.CreateClient(HttpClientName);
        using var response = await http.PostAsync(endpoint, form, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!response.IsSuccessStatusCode)
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            throw new DataverseAuthenticationException($"The token endpoint refused the client credentials ({(int)response.StatusCode} {error}).");
        }

        var token = root.GetProperty("access_token").GetString()
            ?? throw new DataverseAuthenticationException("The token endpoint answered without an access_token.");
        var lifetime = root.GetProperty("expires_in") switch
        {
            { ValueKind: JsonValueKind.Number } n => n.GetInt64(),
            { ValueKind: JsonValueKind.String } s => long.Parse(s.GetString()!, CultureInfo.InvariantCulture),
            _ => throw new DataverseAuthenticationException("The token endpoint answered without expires_in."),
        };
        return (token, requestedAt.AddSeconds(lifetime));
    }
}

/// <summary>The client could not get a token: wrong client id or secret, or an unusable answer from the issuer.</summary>
public sealed class DataverseAuthenticationException(string message) : Exception(message);
