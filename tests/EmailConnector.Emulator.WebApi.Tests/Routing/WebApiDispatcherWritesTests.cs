using System.Net;
using EmailConnector.Emulator.WebApi.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.Routing;

/// <summary>Create, update, upsert variants, ETags, delete, lookups and associations (dataverse.md §3.3, §3.7).</summary>
public sealed class WebApiDispatcherWritesTests : IAsyncLifetime
{
    private WebApiHost _host = null!;

    public async Task InitializeAsync() => _host = await WebApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_WithoutPreference_Is204WithEntityIdAndNoBody()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Lovelace","emailaddress1":"ada@example.com"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var id = WebApiHost.IdOf(response);
        Assert.Equal($"{_host.Root}contacts({id})", response.Headers.GetValues("OData-EntityId").Single());
        Assert.Equal("ada@example.com", _host.Organization.Read("contact", id)!["emailaddress1"]);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Create_WithReturnRepresentation_Is201WithSelectedColumns()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "contacts?$select=fullname", """{"firstname":"Ada","lastname":"Lovelace"}""",
            ("Prefer", "return=representation"));

        var body = await _host.JsonAsync(response, 201);
        Assert.Equal("Ada Lovelace", body.GetProperty("fullname").GetString());
        Assert.Equal($"{_host.Root}$metadata#contacts(fullname)/$entity", body.GetProperty("@odata.context").GetString());
        Assert.False(body.TryGetProperty("lastname", out _));
        Assert.Equal(WebApiHost.IdOf(response).ToString(), body.GetProperty("contactid").GetString());
    }

    [Fact]
    public async Task Create_WithClientChosenId_KeepsTheId()
    {
        var id = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");

        var created = await _host.CreateAsync("contacts", $$"""{"contactid":"{{id}}","lastname":"Chosen"}""");

        Assert.Equal(id, created);
    }

    [Fact]
    public async Task Create_BindingPolymorphicLookupByAlternateKeyAndCustomLookup_SetsReferences()
    {
        var account = await _host.CreateAsync("accounts", """{"name":"Contoso"}""");
        var suppression = await _host.CreateAsync("ec_suppressions", """{"ec_emailaddress":"gone@example.com"}""");

        var contact = await _host.CreateAsync("contacts", $$"""{"lastname":"A","parentcustomerid_account@odata.bind":"{{_host.Root}}accounts({{account}})"}""");

        Assert.Equal(new EntityReference("account", account), _host.Organization.Read("contact", contact)!["parentcustomerid"]);
        var byKey = await _host.GetJsonAsync("ec_suppressions(ec_emailaddress='gone@example.com')?$select=ec_emailaddress");
        Assert.Equal(suppression.ToString(), byKey.GetProperty("ec_suppressionid").GetString());
    }

    [Fact]
    public async Task Create_WritingLookupValueProperty_Is400()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "contacts", $$"""{"lastname":"A","_parentcustomerid_value":"{{Guid.NewGuid()}}"}""");

        var (code, message) = await WebApiHost.ErrorAsync(response, 400);
        Assert.Equal("0x80060888", code);
        Assert.Contains("_parentcustomerid_value", message);
    }

    [Fact]
    public async Task Create_BindingWrongTargetType_Is400()
    {
        var contact = _host.SeedContact("Other");

        var response = await _host.SendAsync(HttpMethod.Post, "contacts", $$"""{"lastname":"A","parentcustomerid_account@odata.bind":"/contacts({{contact}})"}""");

        await WebApiHost.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task Create_DuplicateAlternateKey_Is412DuplicateRecord()
    {
        await _host.CreateAsync("ec_suppressions", """{"ec_emailaddress":"dup@example.com"}""");

        var response = await _host.SendAsync(HttpMethod.Post, "ec_suppressions", """{"ec_emailaddress":"dup@example.com"}""");

        var (code, _) = await WebApiHost.ErrorAsync(response, 412);
        Assert.Equal("0x80040237", code);
    }

    [Fact]
    public async Task Patch_NoHeaderOnMissingId_CreatesWith204()
    {
        var id = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000001");

        var response = await _host.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"lastname":"Upserted"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Upserted", _host.Organization.Read("contact", id)!["lastname"]);
    }

    [Fact]
    public async Task Patch_NoHeaderOnExisting_UpdatesWith204()
    {
        var id = _host.SeedContact("Before");

        var response = await _host.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"lastname":"After"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("After", _host.Organization.Read("contact", id)!["lastname"]);
    }

    [Fact]
    public async Task Patch_ReturnRepresentation_Is201ForCreateAnd200ForUpdate()
    {
        var id = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");

        var created = await _host.SendAsync(HttpMethod.Patch, $"contacts({id})?$select=lastname", """{"lastname":"One"}""", ("Prefer", "return=representation"));
        var updated = await _host.SendAsync(HttpMethod.Patch, $"contacts({id})?$select=lastname", """{"lastname":"Two"}""", ("Prefer", "return=representation"));

        Assert.Equal("One", (await _host.JsonAsync(created, 201)).GetProperty("lastname").GetString());
        Assert.Equal("Two", (await _host.JsonAsync(updated, 200)).GetProperty("lastname").GetString());
    }

    [Fact]
    public async Task Patch_IfMatchStarOnMissing_Is404AndCreatesNothing()
    {
        var id = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000003");

        var response = await _host.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"lastname":"X"}""", ("If-Match", "*"));

        var (code, _) = await WebApiHost.ErrorAsync(response, 404);
        Assert.Equal("0x80040217", code);
        Assert.Null(_host.Organization.Read("contact", id));
    }

    [Fact]
    public async Task Patch_IfNoneMatchStarOnExisting_Is412()
    {
        var id = _host.SeedContact("Existing");

        var response = await _host.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"lastname":"X"}""", ("If-None-Match", "*"));

        var (code, _) = await WebApiHost.ErrorAsync(response, 412);
        Assert.Equal("0x80040237", code);
        Assert.Equal("Existing", _host.Organization.Read("contact", id)!["lastname"]);
    }

    [Fact]
    public async Task Patch_IfNoneMatchStarOnMissingAlternateKey_CreatesWithKeyValue()
    {
        var response = await _host.SendAsync(HttpMethod.Patch, "ec_suppressions(ec_emailaddress='new@example.com')", "{}", ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var id = WebApiHost.IdOf(response);
        Assert.Equal("new@example.com", _host.Organization.Read("ec_suppression", id)!["ec_emailaddress"]);
    }

    [Fact]
    public async Task Patch_UpsertByAlternateKey_CreatesThenUpdatesTheSameRow()
    {
        var first = await _host.SendAsync(HttpMethod.Patch, "ec_suppressions(ec_emailaddress='k@example.com')", """{"ec_suppressedon":"2026-01-01T00:00:00Z"}""");
        var second = await _host.SendAsync(HttpMethod.Patch, "ec_suppressions(ec_emailaddress='k@example.com')", """{"ec_suppressedon":"2026-02-01T08:30:00Z"}""");

        Assert.Equal(WebApiHost.IdOf(first), WebApiHost.IdOf(second));
        Assert.Single(_host.Organization.Rows("ec_suppression"));
        Assert.Equal(new DateTime(2026, 2, 1, 8, 30, 0, DateTimeKind.Utc), _host.Organization.Read("ec_suppression", WebApiHost.IdOf(first))!["ec_suppressedon"]);
    }

    [Fact]
    public async Task Patch_StaleETag_Is412AndCurrentETagSucceeds()
    {
        var id = _host.SeedContact("Versioned");
        var etag = (await _host.GetJsonAsync($"contacts({id})?$select=lastname")).GetProperty("@odata.etag").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await _host.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"lastname":"V2"}""", ("If-Match", etag))).StatusCode);

        var stale = await _host.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"lastname":"V3"}""", ("If-Match", etag));

        var (code, _) = await WebApiHost.ErrorAsync(stale, 412);
        Assert.Equal("0x80060882", code);
        Assert.Equal("V2", _host.Organization.Read("contact", id)!["lastname"]);
        var fresh = (await _host.GetJsonAsync($"contacts({id})?$select=lastname")).GetProperty("@odata.etag").GetString()!;
        Assert.NotEqual(etag, fresh);
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentETag_Is304()
    {
        var id = _host.SeedContact("Cached");
        var etag = (await _host.GetJsonAsync($"contacts({id})?$select=lastname")).GetProperty("@odata.etag").GetString()!;

        var response = await _host.SendAsync(HttpMethod.Get, $"contacts({id})?$select=lastname", null, ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Delete_ExistingThenAgain_Is204Then404()
    {
        var id = _host.SeedContact("Doomed");

        var first = await _host.SendAsync(HttpMethod.Delete, $"contacts({id})");
        var second = await _host.SendAsync(HttpMethod.Delete, $"contacts({id})");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var (code, message) = await WebApiHost.ErrorAsync(second, 404);
        Assert.Equal("0x80040217", code);
        Assert.Equal($"contact With Id = {id} Does Not Exist", message);
    }

    [Fact]
    public async Task Delete_StaleETag_Is412()
    {
        var id = _host.SeedContact("Guarded");

        var response = await _host.SendAsync(HttpMethod.Delete, $"contacts({id})", null, ("If-Match", "W/\"1\""));

        await WebApiHost.ErrorAsync(response, 412);
        Assert.NotNull(_host.Organization.Read("contact", id));
    }

    [Fact]
    public async Task Ref_AssociateAndDisassociateListMember_ChangesMembership()
    {
        var list = _host.SeedList("Newsletter");
        var contact = _host.SeedContact("Member");

        var associate = await _host.SendAsync(HttpMethod.Post, $"lists({list})/listcontact_association/$ref", $$"""{"@odata.id":"{{_host.Root}}contacts({{contact}})"}""");
        Assert.Equal(HttpStatusCode.NoContent, associate.StatusCode);
        Assert.Single(_host.Organization.Rows("listmember"));

        var disassociate = await _host.SendAsync(HttpMethod.Delete, $"lists({list})/listcontact_association({contact})/$ref");
        Assert.Equal(HttpStatusCode.NoContent, disassociate.StatusCode);
        Assert.Empty(_host.Organization.Rows("listmember"));
    }

    [Fact]
    public async Task Ref_SingleValuedPutAndDelete_SetsAndClearsLookup()
    {
        var account = _host.Organization.CreateService().Create(new Entity("account") { ["name"] = "Contoso" });
        var contact = _host.SeedContact("Linked");

        var put = await _host.SendAsync(HttpMethod.Put, $"contacts({contact})/parentcustomerid_account/$ref", $$"""{"@odata.id":"accounts({{account}})"}""");
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(account, ((EntityReference)_host.Organization.Read("contact", contact)!["parentcustomerid"]).Id);

        var delete = await _host.SendAsync(HttpMethod.Delete, $"contacts({contact})/parentcustomerid_account/$ref");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.False(_host.Organization.Read("contact", contact)!.Contains("parentcustomerid"));
    }

    [Fact]
    public async Task Patch_BindNull_ClearsLookup()
    {
        var account = await _host.CreateAsync("accounts", """{"name":"Contoso"}""");
        var contact = await _host.CreateAsync("contacts", $$"""{"lastname":"A","parentcustomerid_account@odata.bind":"/accounts({{account}})"}""");

        await _host.SendAsync(HttpMethod.Patch, $"contacts({contact})", """{"parentcustomerid_account@odata.bind":null}""", ("If-Match", "*"));

        Assert.False(_host.Organization.Read("contact", contact)!.Contains("parentcustomerid"));
    }

    [Fact]
    public async Task SingleProperty_PutGetDelete_RoundTrips()
    {
        var id = _host.SeedContact("Prop");

        Assert.Equal(HttpStatusCode.NoContent, (await _host.SendAsync(HttpMethod.Put, $"contacts({id})/firstname", """{"value":"Ada"}""")).StatusCode);
        var value = await _host.GetJsonAsync($"contacts({id})/firstname");
        Assert.Equal("Ada", value.GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await _host.SendAsync(HttpMethod.Delete, $"contacts({id})/firstname")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.SendAsync(HttpMethod.Get, $"contacts({id})/firstname")).StatusCode);
    }

    [Fact]
    public async Task Patch_StateCodeOnly_AppliesDefaultStatus()
    {
        var id = _host.SeedContact("Closing");

        await _host.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"statecode":1}""", ("If-Match", "*"));

        var row = _host.Organization.Read("contact", id)!;
        Assert.Equal(1, ((OptionSetValue)row["statecode"]).Value);
        Assert.Equal(2, ((OptionSetValue)row["statuscode"]).Value);
    }

    [Fact]
    public async Task Create_PluginThrowsInvalidPluginExecution_Is400WithItsMessageAndNothingSaved()
    {
        _host.Organization.RegisterStep(new EmailConnector.Emulator.Pipeline.PluginStep("Create", "contact", EmailConnector.Emulator.Pipeline.PipelineStage.PreOperation,
            (_, _) => new RejectingPlugin()) { Name = "reject", PluginTypeName = "reject" });

        var response = await _host.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Rejected"}""");

        var (code, message) = await WebApiHost.ErrorAsync(response, 400);
        Assert.Equal("0x80040265", code);
        Assert.Equal("Contacts named Rejected are refused.", message);
        Assert.Empty(_host.Organization.Rows("contact"));
    }

    private sealed class RejectingPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            if (((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("lastname") == "Rejected")
                throw new InvalidPluginExecutionException("Contacts named Rejected are refused.");
        }
    }
}
