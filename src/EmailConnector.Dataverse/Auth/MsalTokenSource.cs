using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace EmailConnector.Dataverse.Auth;

/// <summary>
/// Client-credentials tokens through MSAL. One confidential client per process (a singleton), so MSAL's in-memory app
/// token cache serves every call and MSAL renews the token before it expires.
/// </summary>
public sealed class MsalTokenSource : ITokenSource
{
    private readonly IConfidentialClientApplication _application;
    private readonly string[] _scopes;
    private readonly string _clientId;
    private readonly ILogger<MsalTokenSource> _logger;

    /// <summary>Creates the source; <paramref name="httpClientFactory"/> replaces MSAL's HTTP stack when given.</summary>
    public MsalTokenSource(IOptions<DataverseOptions> options, ILogger<MsalTokenSource> logger, IMsalHttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _clientId = settings.ClientId ?? throw new InvalidOperationException("Dataverse:ClientId is not set.");
        _scopes = [settings.Scope];
        _logger = logger;
        _application = Build(settings, httpClientFactory);
    }

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var result = await _application.AcquireTokenForClient(_scopes)
            .WithForceRefresh(forceRefresh)
            .ExecuteAsync(cancellationToken)
            .ConfigureAwait(false);
        Log.TokenAcquired(_logger, _clientId, result.AuthenticationResultMetadata.TokenSource.ToString(), result.ExpiresOn);
        return result.AccessToken;
    }

    internal static IConfidentialClientApplication Build(DataverseOptions settings, IMsalHttpClientFactory? httpClientFactory)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(settings.ClientId);
        builder = settings switch
        {
            { Authority: { } authority, AuthorityKind: AuthorityKind.Oidc } => builder.WithOidcAuthority(authority.AbsoluteUri),
            { Authority: { } authority } => builder.WithAuthority(authority.AbsoluteUri),
            _ => builder.WithAuthority(new Uri(new Uri(DataverseDefaults.EntraInstance), settings.TenantId).AbsoluteUri),
        };

        builder = string.IsNullOrEmpty(settings.ClientSecret)
            ? builder.WithCertificate(LoadCertificate(settings), sendX5C: true)
            : builder.WithClientSecret(settings.ClientSecret);

        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        return builder.Build();
    }

    private static X509Certificate2 LoadCertificate(DataverseOptions settings)
    {
        var path = settings.CertificatePath ?? throw new InvalidOperationException("Dataverse:CertificatePath is not set.");
        return X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword);
    }
}
