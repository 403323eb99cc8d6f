using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Tests.Support;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests.Double;

/// <summary>The double's own vendor behaviour, asked directly (scenarios 1, 2, 4, 5, 9, 14, 16, 24).</summary>
public sealed class DotdigitalDoubleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WrongCredentials_Answer401WithTheVendorMessage()
    {
        await using var vendor = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions(), _time);
        using var client = VendorClient.Create(vendor, password: "wrong");

        using var response = await client.GetAsync("v2/account-info");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Authorization has been denied for this request.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeparateRegion_DiscoveryNamesTheEndpointAndRefusesEverythingElse()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time, o => o.SeparateRegion = true);
        using var discovery = VendorClient.Create(harness.Vendor);
        discovery.BaseAddress = harness.Vendor.DiscoveryAddress;

        var account = await discovery.GetFromJsonAsync<JsonObject>("v2/account-info");
        using var wrongRegion = await discovery.GetAsync("v2/server-time");
        var list = await harness.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);

        Assert.Contains(account!["properties"]!.AsArray(), p => p!["value"]!.GetValue<string>() == harness.Vendor.BaseAddress.ToString().TrimEnd('/'));
        Assert.Equal(HttpStatusCode.Forbidden, wrongRegion.StatusCode);
        Assert.NotNull(list.Id);
    }

    [Fact]
    public async Task ServerTime_IsTheInjectedClock()
    {
        await using var vendor = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions(), _time);
        using var client = VendorClient.Create(vendor);

        var time = await client.GetFromJsonAsync<DateTimeOffset>("v2/server-time");

        Assert.Equal(_time.GetUtcNow(), time);
    }

    [Fact]
    public async Task V2Paging_SelectAboveOneThousand_IsRefusedAndTheLastPageIsShort()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time);
        for (var i = 0; i < 3; i++)
            await harness.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        using var client = VendorClient.Create(harness.Vendor);

        using var tooMany = await client.GetAsync("v2/address-books?select=1001");
        var last = await client.GetFromJsonAsync<JsonArray>("v2/address-books?select=3&skip=2");
        var empty = await client.GetFromJsonAsync<JsonArray>("v2/address-books?select=3&skip=4");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("ERROR_", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, last!.Count);
        Assert.Empty(empty!);
    }

    [Fact]
    public async Task V2Paging_WithoutSelect_AnswersAtMostOneThousandRows()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time);
        var list = await harness.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        await harness.Platform.ImportRecipientsAsync(list.Id, Some.Recipients(1001), CancellationToken.None);
        var campaign = await harness.Script.SendAsync(list.Id);
        _time.Advance(TimeSpan.FromMinutes(1));
        using var client = VendorClient.Create(harness.Vendor);

        var first = await client.GetFromJsonAsync<JsonArray>($"v2/campaigns/{campaign}/activities/since-date/2000-01-01T00:00:00Z");
        var rest = await client.GetFromJsonAsync<JsonArray>($"v2/campaigns/{campaign}/activities/since-date/2000-01-01T00:00:00Z?skip=1000");

        Assert.Equal(1000, first!.Count);
        Assert.Single(rest!);
        Assert.DoesNotContain(first.Select(r => r!["contactId"]!.GetValue<long>()), id => id == rest![0]!["contactId"]!.GetValue<long>());
        harness.AssertExchangesMatchOpenApi();
    }

    [Fact]
    public async Task Replies_SelectAboveFive_IsRefused()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time);
        var list = await harness.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        await harness.Platform.ImportRecipientsAsync(list.Id, Some.Recipients(1), CancellationToken.None);
        var campaign = await harness.Script.SendAsync(list.Id);
        using var client = VendorClient.Create(harness.Vendor);

        using var five = await client.GetAsync($"v2/campaigns/{campaign}/activities/1/replies?select=5");
        using var six = await client.GetAsync($"v2/campaigns/{campaign}/activities/1/replies?select=6");

        Assert.True(five.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, six.StatusCode);
        Assert.Contains("ERROR_PARAMETER_INVALID", await six.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TieredLimits_CampaignSendIsUnlimitedWhileOtherCallsAreCounted()
    {
        await using var vendor = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions { TieredLimits = new TierLimits { High = 1 } }, _time);
        using var client = VendorClient.Create(vendor);

        using var counted = await client.GetAsync("v2/server-time");
        using var refused = await client.GetAsync("v2/server-time");
        using var send = await client.PostAsJsonAsync("v2/campaigns/send", new { campaignId = 999, addressBookIds = new[] { 2 } });

        Assert.Equal("High", counted.Headers.GetValues("X-RateLimit-Scope").Single());
        Assert.Equal("0", counted.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode); // answered by the API (no such campaign), not by the limiter
        Assert.False(send.Headers.Contains("X-RateLimit-Scope"));
        Assert.Equal(1, vendor.Statistics.Throttled);
    }

    [Fact]
    public async Task V3Paging_MarkersFiltersAndTheirErrors()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time);
        var list = await harness.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        await harness.Platform.ImportRecipientsAsync(list.Id, Some.Recipients(3), CancellationToken.None);
        using var client = VendorClient.Create(harness.Vendor);

        var first = await client.GetFromJsonAsync<JsonObject>("contacts/v3?limit=2");
        var marker = first!["_links"]!["next"]!["marker"]!.GetValue<string>();
        var second = await client.GetFromJsonAsync<JsonObject>($"contacts/v3?limit=2&marker={Uri.EscapeDataString(marker)}");
        using var badMarker = await client.GetAsync("contacts/v3?marker=bm90LWEtbWFya2Vy");
        using var badFilter = await client.GetAsync("contacts/v3?~modified=gte::2026-03-02");

        Assert.Equal(2, first["_items"]!.AsArray().Count);
        Assert.Single(second!["_items"]!.AsArray());
        Assert.Null(second["_links"]!["next"]);
        Assert.Contains("contacts:invalidMarker", await badMarker.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }

    [Fact]
    public async Task ImportStatus_UnknownId_Answers404ImportNotFound()
    {
        await using var vendor = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions(), _time);
        using var client = VendorClient.Create(vendor);

        using var response = await client.GetAsync($"contacts/v3/import/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("contacts:importNotFound", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuppressedContact_SingleAddAndResubscribe_BehaveAsTheVendorDocuments()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time);
        var list = await harness.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        var unsubscribed = Some.EmailAddress();
        var bounced = Some.EmailAddress();
        await harness.Platform.SuppressAsync(new SuppressionRequest(unsubscribed, SuppressionReason.Manual), CancellationToken.None);
        await harness.Script.PostAsync("contacts", new { email = bounced, status = "HardBounced" });
        using var client = VendorClient.Create(harness.Vendor);

        using var add = await client.PostAsJsonAsync($"v2/address-books/{list.Id}/contacts", new { email = unsubscribed });
        var challenged = await Resubscribe(client, "v2/contacts/resubscribe", unsubscribed);
        var cannot = await Resubscribe(client, "v2/contacts/resubscribe-with-no-challenge", bounced);
        var added = await Resubscribe(client, "v2/contacts/resubscribe-with-no-challenge", unsubscribed);

        Assert.Contains("ERROR_CONTACT_SUPPRESSED", await add.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("ContactChallenged", "ContactCannotBeUnsuppressed", "ContactAdded"), (challenged, cannot, added));
        harness.AssertExchangesMatchOpenApi();
    }

    [Fact]
    public async Task TestAddressBook_IsNotWritable()
    {
        await using var harness = await DotdigitalHarness.StartAsync(_time);
        using var client = VendorClient.Create(harness.Vendor);

        using var response = await client.PostAsJsonAsync("v2/address-books/1/contacts", new { email = Some.EmailAddress() });

        Assert.Contains("ERROR_ADDRESSBOOK_NOTWRITABLE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RequestOutsideTheOpenApiFiles_IsRefusedAndRecorded()
    {
        var folder = SharedReference.PathOf("esp/dotdigital");
        await using var vendor = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions { SpecDirectory = folder }, _time);
        using var client = VendorClient.Create(vendor);

        using var response = await client.PostAsJsonAsync("v2/address-books", new { name = "x", colour = "red" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ERROR_DOUBLE_OPENAPI", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(vendor.Violations, v => v.Problem.Contains("'colour' is not allowed", StringComparison.Ordinal));
        Assert.StartsWith("on:", vendor.ValidationStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheOpenApiFiles_RunsAndSaysValidationIsOff()
    {
        await using var vendor = await DotdigitalDouble.StartAsync(new DotdigitalDoubleOptions { SpecDirectory = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString()) }, _time);
        using var client = VendorClient.Create(vendor);

        using var response = await client.GetAsync("v2/server-time");

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(vendor.ValidationEnabled);
        Assert.StartsWith("off:", vendor.ValidationStatus, StringComparison.Ordinal);
    }

    private static async Task<string> Resubscribe(HttpClient client, string path, string email)
    {
        using var response = await client.PostAsJsonAsync(path, new { unsubscribedContact = new { email } });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["status"]!.GetValue<string>();
    }
}
