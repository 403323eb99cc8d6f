using System.Net;
using EmailConnector.Emulator.WebApi.Tests.Support;

namespace EmailConnector.Emulator.WebApi.Tests.Hosting;

/// <summary>Malformed URLs, queries and bodies: always a 4xx with Dataverse's error body, never a 500 or a hang.</summary>
public sealed class HttpFrontTests : IAsyncLifetime
{
    private WebApiHost _host = null!;

    public async Task InitializeAsync() => _host = await WebApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("Contacts", 404)]
    [InlineData("nosuchset", 404)]
    [InlineData("contacts(", 400)]
    [InlineData("contacts)", 400)]
    [InlineData("contacts()", 400)]
    [InlineData("contacts(not-a-guid)", 400)]
    [InlineData("contacts(emailaddress1='unterminated)", 400)]
    [InlineData("contacts(emailaddress1='a@b.c')", 400)]
    [InlineData("contacts(contactid=1)", 400)]
    [InlineData("contacts(00000000-0000-0000-0000-000000000001)(x)", 400)]
    [InlineData("contacts(00000000-0000-0000-0000-000000000001)/nosuchthing", 404)]
    [InlineData("contacts//x", 400)]
    [InlineData("contacts?$skip=10", 400)]
    [InlineData("contacts?$search=ada", 400)]
    [InlineData("contacts?$bogus=1", 400)]
    [InlineData("contacts?$select=EmailAddress1", 400)]
    [InlineData("contacts?$select=parentcustomerid", 400)]
    [InlineData("contacts?$select=", 400)]
    [InlineData("contacts?$select=a,,b", 400)]
    [InlineData("contacts?$top=-1", 400)]
    [InlineData("contacts?$top=abc", 400)]
    [InlineData("contacts?$top=5001", 400)]
    [InlineData("contacts?$count=maybe", 400)]
    [InlineData("contacts?$orderby=lastname sideways", 400)]
    [InlineData("contacts?$orderby=nosuch", 400)]
    [InlineData("contacts?$filter=", 400)]
    [InlineData("contacts?$filter=lastname", 400)]
    [InlineData("contacts?$filter=lastname eq", 400)]
    [InlineData("contacts?$filter=lastname eq 'x", 400)]
    [InlineData("contacts?$filter=lastname eq 5", 400)]
    [InlineData("contacts?$filter=statecode eq 'a'", 400)]
    [InlineData("contacts?$filter=(lastname eq 'x'", 400)]
    [InlineData("contacts?$filter=lastname eq 'x')", 400)]
    [InlineData("contacts?$filter=lastname eq 'x' and", 400)]
    [InlineData("contacts?$filter=lastname gt null", 400)]
    [InlineData("contacts?$filter=nosuch eq 1", 400)]
    [InlineData("contacts?$filter=contains(lastname)", 400)]
    [InlineData("contacts?$filter=contains(statecode,'1')", 400)]
    [InlineData("contacts?$filter=_parentcustomerid_value eq 'abc'", 400)]
    [InlineData("contacts?$filter=createdon gt 2024-13-45T00:00:00Z", 400)]
    [InlineData("contacts?$filter=lastname eq 'a' ~ x", 400)]
    [InlineData("contacts?$filter=Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['x'])", 400)]
    [InlineData("contacts?$filter=Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['1'", 400)]
    [InlineData("contacts?$filter=statecode eq 99999999999999999999", 400)]
    [InlineData("contacts?$expand=nosuchnav", 400)]
    [InlineData("contacts?$expand=parentcustomerid_account($select=nosuch)", 400)]
    [InlineData("contacts?$expand=parentcustomerid_account($top=1", 400)]
    [InlineData("contacts?$skiptoken=garbage", 400)]
    [InlineData("contacts?$skiptoken=%3Ccookie%20pagenumber%3D%22x%22%20%2F%3E", 400)]
    [InlineData("contacts?fetchXml=%3Cfetch", 400)]
    [InlineData("contacts?fetchXml=%3Cfoo%2F%3E", 400)]
    [InlineData("contacts?fetchXml=%3Cfetch%3E%3Centity%20name%3D%22contact%22%3E%3Cattribute%20name%3D%22nosuch%22%2F%3E%3C%2Fentity%3E%3C%2Ffetch%3E", 400)]
    [InlineData("contacts?$select=lastname&$select=firstname", 400)]
    [InlineData("WhoAmI(x=1)", 400)]
    [InlineData("contacts(00000000-0000-0000-0000-000000000001)/Microsoft.Dynamics.CRM.ec_Describe(Prefix=@missing)", 400)]
    public async Task Get_MalformedUrlOrQuery_Is4xxWithErrorBody(string url, int status)
    {
        var response = await _host.SendAsync(HttpMethod.Get, url);

        await WebApiHost.ErrorAsync(response, status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"lastname\":")]
    [InlineData("{\"lastname\":5}")]
    [InlineData("{\"nosuch\":1}")]
    [InlineData("{\"LastName\":\"x\"}")]
    [InlineData("{\"statecode\":\"active\"}")]
    [InlineData("{\"donotemail\":\"yes\"}")]
    [InlineData("{\"preferredcontactmethodcode\":1.5}")]
    [InlineData("{\"preferredcontactmethodcode\":99}")]
    [InlineData("{\"contactid\":\"not-a-guid\"}")]
    [InlineData("{\"lastname\":\"x\",\"@odata.type\":\"Microsoft.Dynamics.CRM.account\"}")]
    [InlineData("{\"parentcustomerid_account@odata.bind\":5}")]
    [InlineData("{\"parentcustomerid_account@odata.bind\":\"/accounts(bad)\"}")]
    [InlineData("{\"parentcustomerid_account@odata.bind\":\"/nosuchset(00000000-0000-0000-0000-000000000001)\"}")]
    [InlineData("{\"nosuchnav@odata.bind\":\"/accounts(00000000-0000-0000-0000-000000000001)\"}")]
    [InlineData("{\"lastusedincampaign\":\"yesterday\"}")]
    [InlineData("{\"lastname\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}")]
    public async Task Post_MalformedBody_Is400WithErrorBody(string body)
    {
        var response = await _host.SendAsync(HttpMethod.Post, "contacts", body);

        await WebApiHost.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task Post_BindToMissingRecord_Is404()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "contacts", $$"""{"lastname":"A","parentcustomerid_account@odata.bind":"/accounts({{Guid.NewGuid()}})"}""");

        await WebApiHost.ErrorAsync(response, 404);
    }

    [Theory]
    [InlineData("PUT", "contacts")]
    [InlineData("DELETE", "contacts")]
    [InlineData("POST", "contacts(00000000-0000-0000-0000-000000000001)")]
    [InlineData("POST", "WhoAmI")]
    [InlineData("PATCH", "$batch")]
    public async Task WrongMethod_Is405WithErrorBody(string method, string url)
    {
        var response = await _host.SendAsync(new HttpMethod(method), url, "{}");

        await WebApiHost.ErrorAsync(response, 405);
    }

    [Fact]
    public async Task ETag_Malformed_Is400()
    {
        var id = _host.SeedContact("E");

        var response = await _host.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"lastname":"x"}""", ("If-Match", "W/\"abc"));

        await WebApiHost.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task Prefer_InvalidMaxPageSize_Is400()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "contacts", null, ("Prefer", "odata.maxpagesize=lots"));

        await WebApiHost.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task Unsupported_Feature_Is501WithErrorBody()
    {
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Get, "contacts?$apply=groupby((statecode))"), 501);
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Get, "$metadata"), 501);
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Get, "accounts?$expand=contact_customer_accounts"), 501);
    }

    [Fact]
    public async Task RandomBytes_AsBody_AreRefusedNotCrashed()
    {
        var random = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            var request = new HttpRequestMessage(HttpMethod.Post, "contacts") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            var response = await _host.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task UnknownPathOutsideTheService_Is404WithErrorBody()
    {
        using var client = new HttpClient { BaseAddress = _host.Server.BaseAddress };

        var response = await client.GetAsync("api/data/v9.1/contacts");

        await WebApiHost.ErrorAsync(response, 404);
    }
}
