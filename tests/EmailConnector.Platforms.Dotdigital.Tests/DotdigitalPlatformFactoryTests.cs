using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Http;
using EmailConnector.Platforms.Dotdigital.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests;

public sealed class DotdigitalPlatformFactoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Create_WithoutCredentialsAndWithARelativeEndpoint_ThrowsNamingEverySetting()
    {
        var options = new DotdigitalOptions { DiscoveryEndpoint = new Uri("/v2", UriKind.Relative) };

        var thrown = Assert.Throws<OptionsValidationException>(() => DotdigitalPlatformFactory.Create(options, _time));

        Assert.Contains(thrown.Failures, f => f.StartsWith("ApiUser:", StringComparison.Ordinal));
        Assert.Contains(thrown.Failures, f => f.StartsWith("ApiPassword:", StringComparison.Ordinal));
        Assert.Contains(thrown.Failures, f => f.EndsWith(DotdigitalOptions.AbsoluteEndpointsMessage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_TwoApiUsers_EachAdapterReachesItsOwnAccountWithItsOwnRateLimitState()
    {
        await using var first = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions
        {
            ApiUser = "apiuser-brand-a@apiconnector.com", SpecDirectory = DotdigitalHarness.OpenApiFolder, TieredLimits = new TierLimits { Low = 2 },
        }, _time);
        await using var second = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions
        {
            ApiUser = "apiuser-brand-b@apiconnector.com", ApiPassword = "other-password", SpecDirectory = DotdigitalHarness.OpenApiFolder, TieredLimits = new TierLimits { Low = 2 },
        }, _time);
        var delay = new AdvancingDelay(_time);
        var firstCalls = new DotdigitalCallStatistics();
        var secondCalls = new DotdigitalCallStatistics();
        using var brandA = DotdigitalPlatformFactory.Create(OptionsFor(first), _time, delay, statistics: firstCalls);
        using var brandB = DotdigitalPlatformFactory.Create(OptionsFor(second), _time, delay, statistics: secondCalls);

        var listA = await brandA.EnsureListAsync(new ListDefinition(new RecordReference("campaignactivity", Guid.NewGuid()), "Brand A spring"), CancellationToken.None);
        for (var i = 0; i < 3; i++)
            await brandA.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);
        var before = _time.GetUtcNow();
        await brandB.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);

        // A used up its tier and was held back; B's state knows nothing of it and did not wait.
        Assert.True(firstCalls.ProactiveWaits + firstCalls.ThrottleRetries > 0, "the first adapter never waited for its used-up tier");
        Assert.Equal((0L, 0L, TimeSpan.Zero), (secondCalls.ProactiveWaits, secondCalls.ThrottleRetries, secondCalls.Waited));
        Assert.Equal(before, _time.GetUtcNow());
        Assert.True(secondCalls.Requests < firstCalls.Requests);
        // Each API user's calls reached its own account only (the doubles answer 401 to other credentials).
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(["Brand A spring"], await BookNamesAsync(first));
        Assert.Empty(await BookNamesAsync(second));
        Assert.Equal("Brand A spring", listA.Name);
        Assert.Empty(first.Violations);
        Assert.Empty(second.Violations);
    }

    private static async Task<List<string>> BookNamesAsync(DotdigitalDouble vendor)
    {
        using var raw = VendorClient.Create(vendor);
        var books = await raw.GetFromJsonAsync<JsonArray>("v2/address-books");
        return books!.Select(b => b!["name"]!.GetValue<string>()).Where(n => n != "Test").ToList();
    }

    private static DotdigitalOptions OptionsFor(DotdigitalDouble vendor) => new()
    {
        ApiUser = vendor.Options.ApiUser,
        ApiPassword = vendor.Options.ApiPassword,
        DiscoveryEndpoint = vendor.DiscoveryAddress,
        ImportPollInterval = TimeSpan.FromSeconds(2),
    };

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
