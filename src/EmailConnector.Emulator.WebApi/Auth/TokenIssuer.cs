using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmailConnector.Emulator.WebApi.Hosting;

namespace EmailConnector.Emulator.WebApi.Auth;

/// <summary>A validated bearer token: the client it was issued to and the user its requests run as.</summary>
public sealed record TokenIdentity(string ClientId, Guid? UserId);

/// <summary>
/// The emulator's local token issuer: HMAC-SHA256 JWTs for the OAuth2 client-credentials grant (dataverse.md §5.2),
/// shaped like Entra's (aud = the resource of the ".default" scope, appid, tid, exp). Not Entra ID: only this
/// server accepts them.
/// </summary>
public sealed class TokenIssuer
{
    private readonly AuthenticationOptions _options;
    private readonly TimeProvider _clock;
    private readonly byte[] _key;

    public TokenIssuer(AuthenticationOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _key = options.SigningKey ?? RandomNumberGenerator.GetBytes(32);
    }

    public AuthenticationOptions Options => _options;

    public bool CheckSecret(string clientId, string? secret) =>
        _options.Clients.TryGetValue(clientId, out var client) && secret is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.Secret), Encoding.UTF8.GetBytes(secret));

    public string Issue(string clientId, string audience, string issuer)
    {
        if (!_options.Clients.TryGetValue(clientId, out var client))
            throw new ArgumentException($"The client '{clientId}' is not registered with the emulator's token issuer.", nameof(clientId));
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var header = Encode("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["aud"] = audience,
            ["iss"] = issuer,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)_options.TokenLifetime.TotalSeconds,
            ["appid"] = clientId,
            ["azp"] = clientId,
            ["sub"] = clientId,
            ["tid"] = _options.TenantId,
            ["oid"] = client.UserId?.ToString("D"),
            ["ver"] = "1.0",
        }));
        return header + "." + payload + "." + Sign(header + "." + payload);
    }

    /// <summary>The identity of a valid token, or null with the reason.</summary>
    public TokenIdentity? Validate(string token, out string reason)
    {
        reason = string.Empty;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            reason = "The bearer token is not a JWT.";
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            reason = "The bearer token's signature is not valid.";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(Decode(parts[1]));
            var root = document.RootElement;
            var exp = root.GetProperty("exp").GetInt64();
            if (_clock.GetUtcNow().ToUnixTimeSeconds() >= exp)
            {
                reason = "The bearer token has expired.";
                return null;
            }
            var clientId = root.GetProperty("appid").GetString()!;
            if (!_options.Clients.TryGetValue(clientId, out var client))
            {
                reason = $"The client '{clientId}' is not registered.";
                return null;
            }
            return new TokenIdentity(clientId, client.UserId);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            reason = "The bearer token's payload is not valid.";
            return null;
        }
    }

    private string Sign(string data) => Encode(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(data)));

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return Convert.FromBase64String(padded);
    }
}
