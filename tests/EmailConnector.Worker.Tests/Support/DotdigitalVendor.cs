using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Http;
using EmailConnector.Testing;
using EmailConnector.Worker.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// The Dotdigital contract double on loopback, on the <see cref="WorkerFront"/>'s fake clock, and the settings that make
/// a worker use the real Dotdigital adapter against it (<c>Worker:Platform=Dotdigital</c>, <c>Platforms:Dotdigital:…</c>).
/// The double checks every exchange against the vendor's OpenAPI files when ../shared/reference/ is there.
/// </summary>
internal sealed class DotdigitalVendor : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock;
    private readonly HttpClient _control;

    private DotdigitalVendor(DotdigitalDouble vendor, FakeTimeProvider clock)
    {
        Double = vendor;
        _clock = clock;
        _control = vendor.CreateControlClient();
        Api = new HttpClient { BaseAddress = vendor.BaseAddress };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(vendor.Options.ApiUser + ":" + vendor.Options.ApiPassword)));
    }

    public DotdigitalDouble Double { get; }

    /// <summary>A plain client of the vendor API with the API user's credentials, to look at the account directly.</summary>
    public HttpClient Api { get; }

    /// <summary>The worker settings choosing the Dotdigital adapter and pointing it at the double.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Worker:Platform"] = EmailPlatformChoice.Dotdigital,
        ["Platforms:Dotdigital:ApiUser"] = Double.Options.ApiUser,
        ["Platforms:Dotdigital:ApiPassword"] = Double.Options.ApiPassword,
        ["Platforms:Dotdigital:DiscoveryEndpoint"] = Double.DiscoveryAddress.ToString(),
    };

    /// <summary>
    /// The settings of an entry <c>Platforms:Accounts:<paramref name="key"/></c> giving platform account
    /// <paramref name="account"/> its own adapter pointed at this double.
    /// </summary>
    public IDictionary<string, string?> AccountSettings(string key, Guid account) => new Dictionary<string, string?>
    {
        [$"Platforms:Accounts:{key}:Id"] = account.ToString("D"),
        [$"Platforms:Accounts:{key}:Platform"] = EmailPlatformChoice.Dotdigital,
        [$"Platforms:Accounts:{key}:Dotdigital:ApiUser"] = Double.Options.ApiUser,
        [$"Platforms:Accounts:{key}:Dotdigital:ApiPassword"] = Double.Options.ApiPassword,
        [$"Platforms:Accounts:{key}:Dotdigital:DiscoveryEndpoint"] = Double.DiscoveryAddress.ToString(),
    };

    /// <summary>Starts a double; <paramref name="apiUser"/> gives it an API user of its own (two accounts, two users).</summary>
    public static async Task<DotdigitalVendor> StartAsync(WorkerFront front, string? apiUser = null)
    {
        var specs = SharedReference.Directory is { } root && Directory.Exists(Path.Combine(root, "esp", "dotdigital")) ? Path.Combine(root, "esp", "dotdigital") : null;
        var options = new DotdigitalDoubleOptions { SpecDirectory = specs };
        if (apiUser is not null)
            options.ApiUser = apiUser;
        var vendor = await DotdigitalDouble.StartAsync(options, front.Clock);
        return new DotdigitalVendor(vendor, front.Clock);
    }

    /// <summary>The waits of adapters made per platform account advance the fake clock too.</summary>
    public Action<IServiceCollection> ConfigureDelay() => services => services.AddSingleton<IDotdigitalDelay>(new AdvancingDelay(_clock));

    /// <summary>
    /// Replaces the front's in-memory platform with what <c>Worker:Platform</c> registers in production
    /// (<see cref="EmailPlatformServiceCollectionExtensions.AddEmailConnectorPlatform"/>); the adapter's waits advance the
    /// fake clock instead of sleeping.
    /// </summary>
    public Action<IServiceCollection> Configure() => services =>
    {
        services.RemoveAll<IEmailPlatform>();
        services.AddSingleton<IDotdigitalDelay>(new AdvancingDelay(_clock));
        services.AddEmailConnectorPlatform(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
    };

    /// <summary>Posts to the double's control API (<c>/_control/…</c>) and returns its answer.</summary>
    public async Task<JsonNode> ControlAsync(string path, object body)
    {
        using var response = await _control.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Control call {path} failed: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Fails when the double saw an exchange the OpenAPI files do not allow (or did not check although the files are there).</summary>
    public void AssertExchangesMatchOpenApi()
    {
        Assert.True(Double.ValidationEnabled || SharedReference.Directory is null, Double.ValidationStatus);
        Assert.True(Double.Violations.Count == 0, "Exchanges outside the OpenAPI description:\n" + string.Join("\n", Double.Violations.Take(20)));
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        Api.Dispose();
        await Double.DisposeAsync();
    }

    private sealed class AdvancingDelay(FakeTimeProvider clock) : IDotdigitalDelay
    {
        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay > TimeSpan.Zero)
                clock.Advance(delay);
            return Task.CompletedTask;
        }
    }
}
