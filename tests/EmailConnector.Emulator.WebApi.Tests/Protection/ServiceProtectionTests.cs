using System.Net;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Emulator.WebApi.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.Protection;

/// <summary>Service protection limits (dataverse.md §4.1) with small limits and the fake clock.</summary>
public sealed class ServiceProtectionTests
{
    private static Task<WebApiHost> Start(int requests = 100, TimeSpan? time = null, int concurrency = 50) =>
        WebApiHost.StartAsync(_ => new WebApiOptions
        {
            ServiceProtection = new ServiceProtectionOptions
            {
                Enabled = true, RequestLimit = requests, ExecutionTimeLimit = time ?? TimeSpan.FromMinutes(20), ConcurrencyLimit = concurrency,
            },
        });

    [Fact]
    public async Task RequestLimit_Exceeded_Is429WithRetryAfterAndRecoversAfterTheWindow()
    {
        await using var host = await Start(requests: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "WhoAmI")).StatusCode);
            host.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var refused = await host.SendAsync(HttpMethod.Get, "WhoAmI");

        var (code, message) = await WebApiHost.ErrorAsync(refused, 429);
        Assert.Equal("0x80072322", code);
        Assert.Contains("Number of requests exceeded the limit of 3 over time window of 300 seconds", message);
        Assert.Equal(TimeSpan.FromSeconds(270), refused.Headers.RetryAfter!.Delta);

        host.Clock.Advance(TimeSpan.FromSeconds(269));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.SendAsync(HttpMethod.Get, "WhoAmI")).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "WhoAmI")).StatusCode);
    }

    [Fact]
    public async Task RequestLimit_CountsEveryOperationOfABatch()
    {
        await using var host = await Start(requests: 3);
        var part = "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET /api/data/v9.2/WhoAmI HTTP/1.1\r\n\r\n";
        var request = new HttpRequestMessage(HttpMethod.Post, "$batch") { Content = new StringContent(part + part + part + "--b--\r\n") };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
        var next = await host.SendAsync(HttpMethod.Get, "WhoAmI");

        await WebApiHost.ErrorAsync(next, 429);
    }

    [Fact]
    public async Task ExecutionTimeLimit_Exceeded_Is429WithItsCode()
    {
        await using var host = await Start(time: TimeSpan.FromSeconds(30));
        // A plugin that takes 40 seconds of (fake) time: the request ends past the combined execution-time budget.
        host.Organization.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PreOperation, (_, _) => new SlowPlugin(host.Clock))
        {
            Name = "slow", PluginTypeName = "slow",
        });
        await host.CreateAsync("contacts", """{"lastname":"Slow"}""");

        var refused = await host.SendAsync(HttpMethod.Get, "WhoAmI");

        var (code, _) = await WebApiHost.ErrorAsync(refused, 429);
        Assert.Equal("0x80072321", code);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        host.Clock.Advance(refused.Headers.RetryAfter!.Delta!.Value);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "WhoAmI")).StatusCode);
    }

    [Fact]
    public async Task ConcurrencyLimit_Exceeded_FailsAtOnceWithItsCode()
    {
        await using var host = await Start(concurrency: 1);
        var gate = new ManualResetEventSlim();
        var entered = new ManualResetEventSlim();
        host.Organization.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PreOperation, (_, _) => new BlockingPlugin(entered, gate))
        {
            Name = "block", PluginTypeName = "block",
        });
        var blocked = host.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Held"}""");
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));

        var refused = await host.SendAsync(HttpMethod.Get, "WhoAmI");
        gate.Set();

        var (code, _) = await WebApiHost.ErrorAsync(refused, 429);
        Assert.Equal("0x80072326", code);
        Assert.Equal(HttpStatusCode.NoContent, (await blocked).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "WhoAmI")).StatusCode);
    }

    [Fact]
    public async Task Disabled_ByDefault_NeverThrottles()
    {
        await using var host = await WebApiHost.StartAsync();

        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "WhoAmI")).StatusCode);
    }

    [Fact]
    public async Task Enabled_SendsRemainingBudgetHeaders()
    {
        await using var host = await Start(requests: 10);

        var response = await host.SendAsync(HttpMethod.Get, "WhoAmI");

        Assert.Equal("9", response.Headers.GetValues("x-ms-ratelimit-burst-remaining-xrm-requests").Single());
    }

    private sealed class SlowPlugin(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock) : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) => clock.Advance(TimeSpan.FromSeconds(40));
    }

    private sealed class BlockingPlugin(ManualResetEventSlim entered, ManualResetEventSlim gate) : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            entered.Set();
            gate.Wait(TimeSpan.FromSeconds(30));
        }
    }
}
