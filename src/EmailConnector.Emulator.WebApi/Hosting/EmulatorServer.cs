using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EmailConnector.Emulator.WebApi.Auth;
using EmailConnector.Emulator.WebApi.Batch;
using EmailConnector.Emulator.WebApi.Control;
using EmailConnector.Emulator.WebApi.Protection;
using EmailConnector.Emulator.WebApi.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Emulator.WebApi.Hosting;

/// <summary>
/// The emulated organization served over HTTP on loopback: the Dataverse Web API under <c>/api/data/v9.2/</c>, the
/// local token issuer (<c>/{tenant}/oauth2/v2.0/token</c>, alias <c>/_emulator/token</c>), the control endpoints
/// under <c>/_emulator/</c>, and the console page at <c>/console</c> with the solution's web resources at <c>/WebResources/</c>.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    /// <summary>The longest URL served, as Dataverse's Web API (longer ones get 414 from Kestrel).</summary>
    public const int MaxUrlLength = 32 * 1024;

    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, EmulatedOrganization organization, WebApiOptions options, HttpFront front, X509Certificate2? certificate)
    {
        _app = app;
        Organization = organization;
        Options = options;
        Front = front;
        Certificate = certificate;
    }

    public EmulatedOrganization Organization { get; }

    public WebApiOptions Options { get; }

    /// <summary>"http://127.0.0.1:&lt;port&gt;/" (https with <see cref="WebApiOptions.UseHttps"/>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The Web API service root: BaseAddress + "api/data/v9.2/".</summary>
    public Uri ServiceRoot => new(BaseAddress, "api/data/v9.2/");

    /// <summary>The MSAL authority: BaseAddress + tenant id.</summary>
    public Uri Authority => new(BaseAddress, Options.Authentication.TenantId + "/");

    public Uri TokenEndpoint => new(BaseAddress, Options.Authentication.TenantId + "/oauth2/v2.0/token");

    /// <summary>The scope a client asks tokens for: the organization URL + "/.default".</summary>
    public string Scope => BaseAddress.GetLeftPart(UriPartial.Authority) + "/.default";

    /// <summary>The self-signed certificate served with HTTPS (clients trust it by thumbprint); null over HTTP.</summary>
    public X509Certificate2? Certificate { get; }

    public FaultInjector Faults => Front.Faults;

    public RequestLog Requests => Front.Requests;

    public ServiceProtection Protection => Front.Protection;

    public TokenIssuer Tokens => Front.Tokens;

    internal HttpFront Front { get; }

    /// <summary>A valid bearer token for a registered client, without the OAuth round trip (tests).</summary>
    public string IssueToken(string clientId = AuthenticationOptions.DefaultClientId) =>
        Tokens.Issue(clientId, BaseAddress.GetLeftPart(UriPartial.Authority), Front.Issuer(BaseAddress.GetLeftPart(UriPartial.Authority)));

    public static async Task<EmulatorServer> StartAsync(EmulatedOrganization organization, WebApiOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WebApiOptions();
        var certificate = options.UseHttps ? CreateCertificate() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 128L * 1024 * 1024;
            // Dataverse takes URLs up to 32,768 characters (long FetchXML GETs); Kestrel's default request line is 8 KB.
            kestrel.Limits.MaxRequestLineSize = MaxUrlLength + 64;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is not null)
                    listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        var front = new HttpFront(organization, options);
        app.Run(front.InvokeAsync);
        var server = new EmulatorServer(app, organization, options, front, certificate);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return server;
    }

    public async Task StopAsync() => await _app.StopAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate?.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=EmailConnector Dataverse emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        // Kestrel on some platforms needs a key it can export, hence the PFX round trip.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
