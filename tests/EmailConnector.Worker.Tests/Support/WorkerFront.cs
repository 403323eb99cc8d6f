using EmailConnector.Emulator;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Testing;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// The emulator with the solution and its plugin steps, served over HTTP on loopback, one shared fake clock, one
/// in-memory email platform, and any number of worker instances (each its own container, as separate processes
/// would be) pointed at it.
/// </summary>
internal sealed class WorkerFront : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);

    // Loaded from its build output rather than referenced: the plugin links Schema's sources, whose types would clash.
    private static readonly Lazy<System.Reflection.Assembly> PluginAssembly =
        new(() => System.Reflection.Assembly.LoadFrom(PluginBuildOutput.AssemblyPath(typeof(WorkerFront).Assembly)));

    private readonly List<ServiceProvider> _workers = [];

    private WorkerFront(EmulatedOrganization organization, EmulatorServer server, FakeTimeProvider clock)
    {
        Organization = organization;
        Server = server;
        Clock = clock;
        Platform = new InMemoryEmailPlatform(clock);
    }

    public EmulatedOrganization Organization { get; }

    public EmulatorServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public InMemoryEmailPlatform Platform { get; }

    public IOrganizationService Service => Organization.CreateService();

    /// <summary>Starts the front; <paramref name="protection"/> turns on the Web API's service protection limits.</summary>
    public static async Task<WorkerFront> StartAsync(ServiceProtectionOptions? protection = null)
    {
        var clock = new FakeTimeProvider(Start);
        var organization = new EmulatedOrganization(new EmulatorOptions
        {
            TimeProvider = clock,
            SolutionFolder = RepositoryPaths.Solution,
            PluginTypeResolver = PluginRegistry.TypesIn(PluginAssembly.Value),
        });
        var server = await EmulatorServer.StartAsync(organization, new EmailConnector.Emulator.WebApi.Hosting.WebApiOptions
        {
            TimeProvider = clock,
            ServiceProtection = protection ?? new ServiceProtectionOptions(),
        });
        return new WorkerFront(organization, server, clock);
    }

    /// <summary>A worker instance: its own container, lease owner and settings (<c>Queue:…</c>, <c>Worker:…</c>).</summary>
    public ServiceProvider Worker(string owner, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = Settings(owner, settings);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<EmailConnector.Core.Platforms.IEmailPlatform>(Platform);
        services.AddEmailConnectorQueue(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(validateScopes: true);
        _workers.Add(provider);
        return provider;
    }

    /// <summary>The configuration of a worker instance pointed at this front, with <paramref name="settings"/> on top.</summary>
    public Dictionary<string, string?> Settings(string owner, IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Worker:InstanceName"] = owner,
            ["Queue:RetryJitter"] = "0",
            ["Dataverse:Url"] = Server.BaseAddress.ToString(),
            ["Dataverse:ClientId"] = AuthenticationOptions.DefaultClientId,
            ["Dataverse:ClientSecret"] = AuthenticationOptions.DefaultClientSecret,
            ["Dataverse:Authority"] = Server.TokenEndpoint.ToString(),
            ["Dataverse:AuthorityKind"] = "TokenEndpoint",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        return configuration;
    }

    /// <summary>Replaces every operation handler with <paramref name="handler"/>.</summary>
    public static Action<IServiceCollection> With(IOperationHandler handler) => services =>
    {
        services.RemoveAll<IOperationHandler>();
        services.AddSingleton(handler);
    };

    public static QueueProcessor Processor(IServiceProvider worker) => worker.GetRequiredService<QueueProcessor>();

    public IReadOnlyList<Entity> SyncRequests() => Organization.Rows(Schema.SyncRequest.EntityName);

    public Entity SyncRequest(Guid id) => Assert.Single(SyncRequests(), r => r.Id == id);

    public Guid EmailActivity(string subject = "Spring offer", string? listName = null)
    {
        var account = Service.Create(new Entity(Schema.PlatformAccount.EntityName)
        {
            [Schema.PlatformAccount.Name] = "Platform", [Schema.PlatformAccount.PlatformType] = new OptionSetValue((int)Schema.PlatformType.Dotdigital),
        });
        var campaign = Service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var activity = new Entity("campaignactivity")
        {
            ["subject"] = subject,
            ["regardingobjectid"] = new EntityReference("campaign", campaign),
            ["channeltypecode"] = new OptionSetValue((int)Schema.CampaignActivityChannel.EmailPlatform),
            [Schema.CampaignActivityColumns.PlatformAccountId] = new EntityReference(Schema.PlatformAccount.EntityName, account),
        };
        if (listName is not null)
            activity[Schema.CampaignActivityColumns.ListName] = listName;
        return Service.Create(activity);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
            await worker.DisposeAsync();
        await Server.DisposeAsync();
    }
}
