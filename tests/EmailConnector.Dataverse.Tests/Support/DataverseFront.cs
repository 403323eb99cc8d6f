using EmailConnector.Emulator;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Dataverse.Tests.Support;

/// <summary>
/// The emulator's Web API front on a real Kestrel (127.0.0.1, ephemeral port) with the solution's tables, and a
/// <see cref="DataverseClient"/> built by <c>AddDataverseClient</c> exactly as the worker builds it, getting its tokens
/// from the front's local issuer. Server and client share one clock.
/// </summary>
internal sealed class DataverseFront : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    private DataverseFront(EmulatedOrganization organization, EmulatorServer server, ServiceProvider services, AttemptLog attempts, TimeProvider clock)
    {
        Organization = organization;
        Server = server;
        Services = services;
        Attempts = attempts;
        Clock = clock;
        Client = services.GetRequiredService<DataverseClient>();
    }

    public EmulatedOrganization Organization { get; }

    public EmulatorServer Server { get; }

    public ServiceProvider Services { get; }

    public DataverseClient Client { get; }

    public AttemptLog Attempts { get; }

    public TimeProvider Clock { get; }

    public static async Task<DataverseFront> StartAsync(
        TimeProvider? clock = null,
        IDictionary<string, string?>? settings = null,
        ServiceProtectionOptions? protection = null,
        bool recordRequests = true,
        bool https = false,
        Action<IServiceCollection, EmulatorServer>? configureServices = null,
        TimeSpan? tokenLifetime = null)
    {
        clock ??= new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        var organization = new EmulatedOrganization(new EmulatorOptions
        {
            TimeProvider = clock,
            SolutionFolder = EmailConnector.Testing.RepositoryPaths.Solution,
            SkipSolutionPlugins = true,
            RecordRequests = recordRequests,
        });
        TestApis.Register(organization);
        var server = await EmulatorServer.StartAsync(organization, new WebApiOptions
        {
            TimeProvider = clock,
            ServiceProtection = protection ?? new ServiceProtectionOptions(),
            UseHttps = https,
            Authentication = new AuthenticationOptions { TokenLifetime = tokenLifetime ?? TimeSpan.FromHours(1) },
        });

        var configuration = new Dictionary<string, string?>
        {
            ["Dataverse:Url"] = server.BaseAddress.ToString(),
            ["Dataverse:ClientId"] = AuthenticationOptions.DefaultClientId,
            ["Dataverse:ClientSecret"] = AuthenticationOptions.DefaultClientSecret,
            ["Dataverse:Authority"] = server.TokenEndpoint.ToString(),
            ["Dataverse:AuthorityKind"] = nameof(AuthorityKind.TokenEndpoint),
            ["Dataverse:RequestTimeout"] = "00:01:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration["Dataverse:" + key] = value;
        }

        var attempts = new AttemptLog();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddDataverseClient(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        var http = services.AddHttpClient<DataverseClient>().AddHttpMessageHandler(() => new AttemptRecorder(attempts, clock));
        if (server.Certificate is { } certificate)
        {
            http.ConfigurePrimaryHttpMessageHandler(() => TrustingHandler(certificate));
        }

        configureServices?.Invoke(services, server);
        return new DataverseFront(organization, server, services.BuildServiceProvider(validateScopes: true), attempts, clock);
    }

    /// <summary>A handler that trusts exactly the emulator's self-signed loopback certificate.</summary>
    public static SocketsHttpHandler TrustingHandler(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => new()
    {
        UseCookies = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
    };

    public Guid SeedContact(string lastName, string? email = null, string? firstName = null) =>
        Seed.Contact(Organization.CreateService(), lastName, email, firstName);

    public Guid SeedList(string name, int memberType = 2) => Seed.List(Organization.CreateService(), name, memberType);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
