using System.Collections.Concurrent;
using EmailConnector.Dataverse.Auth;
using EmailConnector.Dataverse.Tests.Support;
using EmailConnector.Emulator.WebApi.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;

namespace EmailConnector.Dataverse.Tests.Auth;

/// <summary>MSAL client credentials against the emulator's local issuer over HTTPS (MSAL refuses http authorities).</summary>
public sealed class MsalTokenSourceTests
{
    [Fact]
    public async Task GetTokenAsync_OidcAuthority_GetsATokenTheFrontAcceptsAndCachesIt()
    {
        var identityCalls = new ConcurrentQueue<string>();
        await using var front = await DataverseFront.StartAsync(
            https: true,
            settings: new Dictionary<string, string?> { ["AuthorityKind"] = nameof(AuthorityKind.Oidc) },
            configureServices: (services, server) =>
            {
                services.PostConfigure<DataverseOptions>(o => o.Authority = new Uri(server.Authority, "v2.0"));
                services.AddSingleton<IMsalHttpClientFactory>(new TrustingMsalHttpClientFactory(server, identityCalls));
            });

        var first = await front.Client.WhoAmIAsync();
        await front.Client.WhoAmIAsync();
        await front.Client.WhoAmIAsync();

        Assert.IsType<MsalTokenSource>(front.Services.GetRequiredService<ITokenSource>());
        Assert.Equal(front.Organization.Options.DefaultUserId, first.UserId);
        Assert.Single(identityCalls, path => path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));
        Assert.All(front.Attempts.Attempts, a => Assert.Equal(200, a.Status));
    }

    [Fact]
    public void Build_Certificate_IsUsedInsteadOfASecret()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=app", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var path = Path.Combine(Path.GetTempPath(), "ec-dataverse-" + Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pw"));
        try
        {
            var application = MsalTokenSource.Build(
                new DataverseOptions { Url = new Uri("https://contoso.crm.dynamics.com"), TenantId = "contoso.onmicrosoft.com", ClientId = "app", CertificatePath = path, CertificatePassword = "pw" },
                null);

            Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/", application.Authority);
            Assert.NotNull(application.AppConfig.ClientCredentialCertificate);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>MSAL's HTTP stack, trusting the emulator's certificate and noting each path MSAL calls.</summary>
    private sealed class TrustingMsalHttpClientFactory(EmulatorServer server, ConcurrentQueue<string> calls) : IMsalHttpClientFactory
    {
        private readonly HttpClient _client = new(new Recording(calls) { InnerHandler = DataverseFront.TrustingHandler(server.Certificate!) });

        public HttpClient GetHttpClient() => _client;

        private sealed class Recording(ConcurrentQueue<string> calls) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                calls.Enqueue(request.RequestUri!.AbsolutePath);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
