using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Http;
using EmailConnector.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests.Support;

/// <summary>
/// The adapter as the worker gets it (<see cref="DotdigitalServiceCollectionExtensions.AddDotdigitalPlatform"/>) against
/// a fresh double over real HTTP on loopback, both on the test's fake clock. Waits advance the clock instead of sleeping.
/// The double checks every exchange against the vendor's OpenAPI files when ../shared/reference/ is there.
/// </summary>
internal sealed class DotdigitalHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DotdigitalHarness(DotdigitalDouble vendor, ServiceProvider services, FakeTimeProvider time, ListLogger logs)
    {
        Vendor = vendor;
        _services = services;
        Time = time;
        Logs = logs;
        Platform = services.GetRequiredService<IEmailPlatform>();
        Statistics = services.GetRequiredService<DotdigitalCallStatistics>();
        Script = new DoubleReactionScript(vendor);
    }

    public DotdigitalDouble Vendor { get; }

    public IEmailPlatform Platform { get; }

    public DotdigitalCallStatistics Statistics { get; }

    public DoubleReactionScript Script { get; }

    public FakeTimeProvider Time { get; }

    public ListLogger Logs { get; }

    public static string? OpenApiFolder =>
        SharedReference.Directory is { } root && Directory.Exists(Path.Combine(root, "esp", "dotdigital")) ? Path.Combine(root, "esp", "dotdigital") : null;

    public static async Task<DotdigitalHarness> StartAsync(FakeTimeProvider time, Action<DotdigitalDoubleOptions>? vendor = null, IDictionary<string, string?>? settings = null)
    {
        var options = new DotdigitalDoubleOptions { SpecDirectory = OpenApiFolder };
        vendor?.Invoke(options);
        var double_ = await DotdigitalDouble.StartAsync(options, time);

        var values = new Dictionary<string, string?>
        {
            ["Platforms:Dotdigital:ApiUser"] = options.ApiUser,
            ["Platforms:Dotdigital:ApiPassword"] = options.ApiPassword,
            ["Platforms:Dotdigital:DiscoveryEndpoint"] = double_.DiscoveryAddress.ToString(),
            ["Platforms:Dotdigital:ImportPollInterval"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new ListLogger();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IDotdigitalDelay>(new AdvancingDelay(time))
            .AddDotdigitalPlatform(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new DotdigitalHarness(double_, services, time, logs);
    }

    /// <summary>Fails when the double saw an exchange the OpenAPI files do not allow.</summary>
    public void AssertExchangesMatchOpenApi() =>
        Assert.True(Vendor.Violations.Count == 0, "Exchanges outside the OpenAPI description:\n" + string.Join("\n", Vendor.Violations.Take(20)));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Vendor.DisposeAsync();
    }

    /// <summary>Waits by moving the fake clock: no test ever sleeps for a Retry-After.</summary>
    private sealed class AdvancingDelay(FakeTimeProvider time) : IDotdigitalDelay
    {
        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay > TimeSpan.Zero)
                time.Advance(delay);
            return Task.CompletedTask;
        }
    }
}
