using System.Net;
using System.Text;
using EmailConnector.Platforms.Dotdigital.Double;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests.Double;

/// <summary>The double run alone (<c>dotnet run</c>) for the local run and the benchmarks.</summary>
public sealed class ServerModeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ec-dd-server-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Parse_NoArguments_AnyPortAndTheOpenApiFilesBesideTheCheckout()
    {
        var checkout = Directory.CreateDirectory(Path.Combine(_root, "repo", "tests", "x")).FullName;
        File.WriteAllText(Path.Combine(_root, "repo", "EmailConnector.sln"), string.Empty);
        var specs = Directory.CreateDirectory(Path.Combine(_root, "shared", "reference", "esp", "dotdigital")).FullName;

        var (options, port) = ServerMode.Parse([], _ => null, checkout);

        Assert.Equal(0, port);
        Assert.Equal(Path.GetFullPath(specs), options!.SpecDirectory);
        Assert.NotNull(options.TieredLimits);
    }

    [Fact]
    public void Parse_Options_AreApplied()
    {
        var (options, port) = ServerMode.Parse(
            ["--urls", "http://127.0.0.1:5081", "--no-openapi", "--user", "u@apiconnector.com", "--password", "p", "--no-limits", "--flat-limit", "2000"],
            _ => "/somewhere", _root);

        Assert.Equal(5081, port);
        Assert.Null(options!.SpecDirectory);
        Assert.Equal(("u@apiconnector.com", "p"), (options.ApiUser, options.ApiPassword));
        Assert.Null(options.TieredLimits);
        Assert.Equal(2000, options.FlatLimitPerHour);
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:5081")]
    [InlineData("--colour", "red")]
    [InlineData("--port", null)]
    public void Parse_BadArguments_FailLoudly(string name, string? value) =>
        Assert.Throws<ArgumentException>(() => ServerMode.Parse(value is null ? [name] : [name, value], _ => null, _root));

    [Fact]
    public void Parse_Help_AsksForTheUsage() => Assert.Null(ServerMode.Parse(["--help"], _ => null, _root).Options);

    [Fact]
    public async Task Banner_NamesTheWorkerSettingsAndOnlyControlRoutesThatExist()
    {
        await using var server = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions(), new FakeTimeProvider());
        using var control = server.CreateControlClient();

        var banner = ServerMode.Banner(server);

        Assert.Contains($"listening on {server.BaseAddress}", banner, StringComparison.Ordinal);
        Assert.Contains($"Platforms__Dotdigital__DiscoveryEndpoint={server.BaseAddress}", banner, StringComparison.Ordinal);
        Assert.Contains($"Platforms__Dotdigital__ApiPassword={server.Options.ApiPassword}", banner, StringComparison.Ordinal);
        foreach (var route in ServerMode.ControlRoutes)
        {
            var parts = route.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(parts[1], banner, StringComparison.Ordinal);
            // An empty JSON array is no valid body for any route: a mapped route refuses it, an unmapped one is 404/405.
            using var request = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1])
            {
                Content = parts[0] == "GET" ? null : new StringContent("[]", Encoding.UTF8, "application/json"),
            };
            using var response = await control.SendAsync(request);
            Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed), $"{route}: {(int)response.StatusCode}");
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
