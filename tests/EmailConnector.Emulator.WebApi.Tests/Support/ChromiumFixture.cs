namespace EmailConnector.Emulator.WebApi.Tests.Support;

/// <summary>One headless Chromium shared by a test class (each test opens its own tab), or none when it is not installed.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string MissingReason =
        "No Chromium executable was found (chromium, chromium-browser, google-chrome on PATH, or CHROMIUM_PATH); " +
        "the console page's browser tests need one. CI installs Debian's chromium (.ci/run).";

    internal Chromium? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        var executable = Chromium.FindExecutable();
        if (executable is not null)
            Browser = await Chromium.LaunchAsync(executable, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
    }
}
