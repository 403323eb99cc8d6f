using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Tests.Support;
using EmailConnector.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests;

/// <summary>Registration, options validation and the resilience pipeline (throttling, transient faults, timeouts).</summary>
public sealed class DotdigitalServiceCollectionExtensionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AddDotdigitalPlatform_WithoutPassword_FailsValidationAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platforms:Dotdigital:ApiUser"] = "apiuser@apiconnector.com",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddDotdigitalPlatform(configuration).BuildServiceProvider();

        var thrown = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ApiPassword", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDotdigitalPlatform_Defaults_AreTheDocumentedOnes()
    {
        var options = new DotdigitalOptions();

        Assert.Equal(new Uri("https://r1-api.dotdigital.com"), options.DiscoveryEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(121), options.RequestTimeout);
        Assert.Equal(50 * 1024 * 1024, options.MaxImportBodyBytes);
        Assert.Equal("Platforms:Dotdigital", DotdigitalOptions.SectionName);
    }

    [Fact]
    public async Task TieredLimitExhausted_429_WaitsForTheResetAndSucceeds()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time, o => o.TieredLimits = new TierLimits { Low = 2 });
        using var raw = VendorClient.Create(harness.Vendor);
        for (var i = 0; i < 2; i++)
            (await raw.GetAsync("v2/contacts/suppressed-since/2000-01-01T00:00:00Z")).EnsureSuccessStatusCode();
        var before = _time.GetUtcNow();

        var page = await harness.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);

        Assert.Empty(page.Entries);
        Assert.Equal(1, harness.Vendor.Statistics.Throttled);
        Assert.Equal(1, harness.Statistics.ThrottleRetries);
        Assert.InRange(_time.GetUtcNow() - before, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
        harness.AssertExchangesMatchOpenApi();
    }

    [Fact]
    public async Task TieredLimit_ManyCallsWithLowerCaseEpochHeaders_SlowDownWithoutFailures()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time, o =>
        {
            o.TieredLimits = new TierLimits { Low = 3 };
            o.ResetAsEpoch = true;
            o.LowerCaseHeaders = true;
        });

        for (var i = 0; i < 10; i++)
            await harness.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);

        Assert.Equal(0, harness.Vendor.Statistics.Throttled);
        Assert.True(harness.Statistics.ProactiveWaits >= 3, $"{harness.Statistics.ProactiveWaits} proactive waits");
        harness.AssertExchangesMatchOpenApi();
    }

    [Fact]
    public async Task FlatLegacyLimitExhausted_400ApiUsageExceeded_IsThrottlingNotABadRequest()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time, o =>
        {
            o.TieredLimits = null;
            o.FlatLimitPerHour = 3;
        }, new Dictionary<string, string?> { ["Platforms:Dotdigital:MaxThrottleWait"] = "02:00:00" });
        using var raw = VendorClient.Create(harness.Vendor);
        for (var i = 0; i < 3; i++)
            (await raw.GetAsync("v2/server-time")).EnsureSuccessStatusCode();

        var page = await harness.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);

        Assert.Empty(page.Entries);
        Assert.True(harness.Vendor.Statistics.LegacyThrottled >= 1);
        Assert.Equal(harness.Vendor.Statistics.LegacyThrottled, (int)harness.Statistics.LegacyThrottled);
    }

    [Fact]
    public async Task ThrottledLongerThanTheLimit_ThrowsThrottledWithRetryAfter()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time, o => o.TieredLimits = new TierLimits { Low = 1 },
            new Dictionary<string, string?> { ["Platforms:Dotdigital:MaxThrottleWait"] = "00:00:10" });
        using var raw = VendorClient.Create(harness.Vendor);
        (await raw.GetAsync("v2/contacts/suppressed-since/2000-01-01T00:00:00Z")).EnsureSuccessStatusCode();

        var thrown = await Assert.ThrowsAsync<PlatformThrottledException>(() => harness.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None));

        Assert.InRange(thrown.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task IdempotentCall_ServerErrorsAndResets_AreRetried()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time);
        await harness.Script.PostAsync("faults", new FaultRule { Method = "GET", PathPrefix = "/v2/contacts/suppressed-since", Kind = "status", Status = 503, Count = 1 });
        await harness.Script.PostAsync("faults", new FaultRule { Method = "GET", PathPrefix = "/v2/contacts/suppressed-since", Kind = "reset", Count = 1 });

        var page = await harness.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);

        Assert.Empty(page.Entries);
        Assert.Equal(2, harness.Statistics.TransientRetries);
    }

    [Fact]
    public async Task SlowAnswer_BeyondTheAttemptTimeout_IsRetried()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time, settings: new Dictionary<string, string?> { ["Platforms:Dotdigital:RequestTimeout"] = "00:00:01" });
        // Scenario 29 scaled down: 121 s becomes 1 s, the slow answer 3 s of real time.
        await harness.Script.PostAsync("faults", new FaultRule { Method = "GET", PathPrefix = "/v2/contacts/suppressed-since", Kind = "delay", DelayMilliseconds = 3000, Count = 1 });

        var page = await harness.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);

        Assert.Empty(page.Entries);
        Assert.Equal(1, harness.Statistics.TransientRetries);
    }

    [Fact]
    public async Task WrongPassword_ThrowsAuthentication()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time, settings: new Dictionary<string, string?> { ["Platforms:Dotdigital:ApiPassword"] = "wrong" });

        await Assert.ThrowsAsync<PlatformAuthenticationException>(() => harness.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task Logs_NameNoAddressesAndNoSecrets()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time);
        var list = await harness.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        var recipients = Some.Recipients(3);
        await harness.Platform.ImportRecipientsAsync(list.Id, recipients, CancellationToken.None);
        await harness.Platform.UnsubscribeAsync(new UnsubscribeRequest(recipients[0].Record), CancellationToken.None);

        var text = string.Join("\n", harness.Logs.Lines.Select(l => l.Text));
        Assert.DoesNotContain(harness.Vendor.Options.ApiPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", text, StringComparison.Ordinal);
        Assert.All(harness.Logs.Lines.Where(l => l.Category.StartsWith("EmailConnector.", StringComparison.Ordinal)), l => Assert.InRange(l.Id.Id, 2000, 2999));
        Assert.Contains(harness.Logs.Lines, l => l.Id.Id == 2030);
    }
}
