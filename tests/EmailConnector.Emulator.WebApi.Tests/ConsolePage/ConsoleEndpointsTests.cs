using System.Net;
using System.Text.Json;
using EmailConnector.Emulator.WebApi.Tests.Support;
using EmailConnector.Testing;

namespace EmailConnector.Emulator.WebApi.Tests.ConsolePage;

/// <summary>/console, its assets, session and ribbon, and /WebResources/ over HTTP.</summary>
public sealed class ConsoleEndpointsTests : IAsyncLifetime
{
    private WebApiHost _host = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _host = await WebApiHost.StartAsync();
        _browser = new HttpClient { BaseAddress = _host.Server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Page_Get_ServesTheHtmlThatLoadsTheConsoleScripts()
    {
        var response = await _browser.GetAsync("console");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<script src="/console/assets/xrm.js"></script>""", html, StringComparison.Ordinal);
        Assert.Contains("""<script src="/console/assets/console.js"></script>""", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("console/assets/xrm.js", "text/javascript", "EmulatorConsole.Xrm")]
    [InlineData("console/assets/console.js", "text/javascript", "renderCommandBar")]
    [InlineData("console/assets/console.css", "text/css", "#commandbar")]
    public async Task Asset_Get_ServesTheEmbeddedFile(string path, string mediaType, string content)
    {
        var response = await _browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ec_/scripts/commands.js", "text/javascript")]
    [InlineData("ec_/pages/requestreport.html", "text/html")]
    public async Task WebResource_Get_ServesTheSolutionFileUnchanged(string name, string mediaType)
    {
        var response = await _browser.GetAsync("WebResources/" + name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        var expected = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Solution, "WebResources", name));
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("WebResources/ec_/scripts/missing.js", HttpStatusCode.NotFound)]
    [InlineData("console/ribbon/campaign", HttpStatusCode.NotFound)]
    [InlineData("console/assets/secret.txt", HttpStatusCode.NotFound)]
    [InlineData("console/other", HttpStatusCode.NotFound)]
    public async Task Unknown_Get_AnswersWithDataverseErrorBody(string path, HttpStatusCode status)
    {
        var response = await _browser.GetAsync(path);

        await WebApiHost.ErrorAsync(response, (int)status);
    }

    [Fact]
    public async Task Console_Post_Is405()
    {
        var response = await _browser.PostAsync("console", null);

        await WebApiHost.ErrorAsync(response, 405);
    }

    [Fact]
    public async Task Session_FromLoopback_GivesATokenTheWebApiAcceptsAndTheEntitySets()
    {
        using var session = JsonDocument.Parse(await _browser.GetStringAsync("console/session"));
        var root = session.RootElement;

        Assert.Equal(_host.Server.ServiceRoot.ToString(), root.GetProperty("serviceRoot").GetString());
        Assert.Equal("campaignactivities", root.GetProperty("entitySets").GetProperty("campaignactivity").GetString());
        Assert.Equal("ec_syncrequests", root.GetProperty("entitySets").GetProperty("ec_syncrequest").GetString());
        Assert.Equal(_host.Organization.Options.DefaultUserId, root.GetProperty("userId").GetGuid());
        using var client = WebApiHost.NewClient(_host.Server, root.GetProperty("accessToken").GetString());
        var whoAmI = await client.GetAsync("WhoAmI");
        Assert.Equal(HttpStatusCode.OK, whoAmI.StatusCode);
    }

    [Fact]
    public async Task Ribbon_CampaignActivity_GivesTheSolutionsButtonsAsJson()
    {
        using var ribbon = JsonDocument.Parse(await _browser.GetStringAsync("console/ribbon/campaignactivity"));

        var buttons = ribbon.RootElement.GetProperty("buttons").EnumerateArray().ToList();
        Assert.Equal(["Transfer recipients", "Request report", "Sync now"], buttons.Select(b => b.GetProperty("label").GetString()));
        var action = buttons[0].GetProperty("command").GetProperty("actions")[0];
        Assert.Equal("EmailConnector.Commands.transferRecipients", action.GetProperty("functionName").GetString());
        Assert.Equal("/WebResources/ec_/scripts/commands.js", action.GetProperty("libraryUrl").GetString());
    }
}
