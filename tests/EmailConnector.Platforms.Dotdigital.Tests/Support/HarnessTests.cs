using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Double;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests.Support;

/// <summary>
/// A test class with its own double on a fake clock, started before each test; disposing it fails the test when any
/// exchange broke the vendor's OpenAPI files.
/// </summary>
public abstract class HarnessTests : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private protected DotdigitalHarness Harness { get; private set; } = null!;

    protected IEmailPlatform Platform => Harness.Platform;

    /// <summary>Settings of the double that differ from the vendor's defaults for this class.</summary>
    protected virtual void ConfigureDouble(DotdigitalDoubleOptions options)
    {
    }

    public async Task InitializeAsync() => Harness = await DotdigitalHarness.StartAsync(Time, ConfigureDouble);

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        Harness.AssertExchangesMatchOpenApi();
    }
}
