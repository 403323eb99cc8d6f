using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmailConnector.Emulator.WebApi.Tests.Support;

namespace EmailConnector.Emulator.WebApi.Tests.Control;

/// <summary>/_emulator/: reset, snapshot/restore, logs and fault injection.</summary>
public sealed class ControlEndpointsTests : IAsyncLifetime
{
    private WebApiHost _host = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        _host = await WebApiHost.StartAsync();
        _control = new HttpClient { BaseAddress = new Uri(_host.Server.BaseAddress, "_emulator/") };
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task SnapshotRestoreAndReset_RewindTheStore()
    {
        _host.SeedContact("Before");
        var snapshot = JsonDocument.Parse(await (await _control.PostAsync("snapshot", null)).Content.ReadAsStringAsync()).RootElement.GetProperty("snapshotId").GetInt32();
        _host.SeedContact("After");

        Assert.Equal(HttpStatusCode.NoContent, (await _control.PostAsync($"restore/{snapshot}", null)).StatusCode);
        Assert.Equal(["Before"], _host.Organization.Rows("contact").Select(c => (string)c["lastname"]));

        Assert.Equal(HttpStatusCode.NoContent, (await _control.PostAsync("reset", null)).StatusCode);
        Assert.Empty(_host.Organization.Rows("contact"));
        Assert.Equal(HttpStatusCode.NotFound, (await _control.PostAsync("restore/999", null)).StatusCode);
    }

    [Fact]
    public async Task RequestAndOrganizationLogs_RecordWhatWasServed()
    {
        await _host.CreateAsync("contacts", """{"lastname":"Logged"}""");

        var requests = JsonDocument.Parse(await _control.GetStringAsync("requests")).RootElement;
        var log = JsonDocument.Parse(await _control.GetStringAsync("log")).RootElement;

        Assert.Contains(requests.EnumerateArray(), r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("status").GetInt32() == 204
            && r.GetProperty("target").GetString() == "/api/data/v9.2/contacts");
        Assert.Contains(log.GetProperty("requests").EnumerateArray(), r => r.GetProperty("name").GetString() == "Create");
    }

    [Fact]
    public async Task Fault429OnSecondMatch_AnswersWithRetryAfterOnceThenServes()
    {
        var added = await _control.PostAsJsonAsync("faults", new { method = "GET", pathContains = "contacts", nth = 2, status = 429, retryAfterSeconds = 7 });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var first = await _host.SendAsync(HttpMethod.Get, "contacts?$select=lastname");
        var second = await _host.SendAsync(HttpMethod.Get, "contacts?$select=lastname");
        var third = await _host.SendAsync(HttpMethod.Get, "contacts?$select=lastname");
        var other = await _host.SendAsync(HttpMethod.Get, "WhoAmI");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (code, _) = await WebApiHost.ErrorAsync(second, 429);
        Assert.Equal("0x80072322", code);
        Assert.Equal(TimeSpan.FromSeconds(7), second.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Fault503Twice_ThenClear_ServesAgain()
    {
        await _control.PostAsJsonAsync("faults", new { pathContains = "WhoAmI", status = 503, times = 2 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _host.SendAsync(HttpMethod.Get, "WhoAmI")).StatusCode);
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Get, "WhoAmI"), 503);
        Assert.Equal(HttpStatusCode.OK, (await _host.SendAsync(HttpMethod.Get, "WhoAmI")).StatusCode);
        await _control.DeleteAsync("faults");
        Assert.Empty(JsonDocument.Parse(await _control.GetStringAsync("faults")).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task FaultDelay_HoldsTheRequestUntilTheClockPasses()
    {
        await _control.PostAsJsonAsync("faults", new { pathContains = "WhoAmI", delayMs = 60000 });

        var pending = _host.SendAsync(HttpMethod.Get, "WhoAmI");
        await Task.Delay(200);
        Assert.False(pending.IsCompleted);
        while (!pending.IsCompleted)
        {
            _host.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(pending, Task.Delay(50));
        }

        Assert.Equal(HttpStatusCode.OK, (await pending).StatusCode);
    }

    [Fact]
    public async Task FaultRule_Invalid_Is400()
    {
        var response = await _control.PostAsJsonAsync("faults", new { status = 200 });

        await WebApiHost.ErrorAsync(response, 400);
    }
}
