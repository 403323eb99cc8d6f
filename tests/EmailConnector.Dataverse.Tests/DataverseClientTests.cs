using System.Net;
using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Dataverse.Tests.Support;

namespace EmailConnector.Dataverse.Tests;

/// <summary>CRUD, keys, ETags and associations through the client against the emulator's HTTP front.</summary>
public sealed class DataverseClientTests : IAsyncLifetime
{
    private DataverseFront _front = null!;

    private DataverseClient Client => _front.Client;

    public async Task InitializeAsync() => _front = await DataverseFront.StartAsync();

    public async Task DisposeAsync() => await _front.DisposeAsync();

    [Fact]
    public async Task CreateAsync_PlainRow_Returns204IdAndStoresTheColumns()
    {
        var id = await Client.CreateAsync("contacts", new DataverseRow().Set("firstname", "Ada").Set("lastname", "Lovelace").Set("emailaddress1", "ada@example.com"));

        var stored = _front.Organization.Read("contact", id)!;
        Assert.Equal("Lovelace", stored["lastname"]);
        Assert.Equal("ada@example.com", stored["emailaddress1"]);
        var attempt = Assert.Single(_front.Attempts.Attempts, a => a.Method == "POST");
        Assert.Equal(204, attempt.Status);
    }

    [Fact]
    public async Task CreateAndRetrieveAsync_ReturnRepresentation_Is201WithTheSelectedColumns()
    {
        var row = await Client.CreateAndRetrieveAsync("contacts", new DataverseRow().Set("lastname", "Hopper").Set("firstname", "Grace"), ["lastname", "fullname"]);

        Assert.Equal("Hopper", row.GetString("lastname"));
        Assert.Equal("Grace Hopper", row.GetString("fullname"));
        Assert.NotNull(row.GetGuid("contactid"));
        Assert.StartsWith("W/\"", row.ETag, StringComparison.Ordinal);
        Assert.Equal(201, _front.Attempts.Attempts.Single(a => a.Method == "POST").Status);
    }

    [Fact]
    public async Task CreateAsync_WithLookupBind_SetsTheLookup()
    {
        var list = _front.SeedList("Newsletter");
        var accountId = await Client.CreateAsync("accounts", new DataverseRow().Set("name", "Contoso"));

        var id = await Client.CreateAsync("contacts", new DataverseRow().Set("lastname", "Byron").Bind("parentcustomerid_account", "accounts", accountId));

        var row = await Client.RetrieveAsync("contacts", id, new RetrieveOptions { Select = ["_parentcustomerid_value"], Annotations = ODataAnnotations.All });
        Assert.Equal(new DataverseLookup(accountId, "account", "Contoso", "parentcustomerid_account"), row.GetLookup("parentcustomerid"));
        Assert.NotEqual(Guid.Empty, list);
    }

    [Fact]
    public async Task RetrieveAsync_ById_ReturnsEntityShapeWithETagAndSelectedColumns()
    {
        var id = _front.SeedContact("Lovelace", "ada@example.com", "Ada");

        var row = await Client.RetrieveAsync("contacts", id, RetrieveOptions.Columns("fullname", "emailaddress1"));

        Assert.Equal("Ada Lovelace", row.GetString("fullname"));
        Assert.Equal(id, row.GetGuid("contactid"));
        Assert.StartsWith("W/\"", row.ETag, StringComparison.Ordinal);
        Assert.EndsWith("$metadata#contacts(fullname,emailaddress1)/$entity", row.GetString("@odata.context"), StringComparison.Ordinal);
        Assert.False(row.Contains("lastname"));
    }

    [Fact]
    public async Task RetrieveAsync_FormattedValues_AreAnnotatedWhenAsked()
    {
        var id = _front.SeedContact("Lovelace");

        var plain = await Client.RetrieveAsync("contacts", id, RetrieveOptions.Columns("statecode"));
        var annotated = await Client.RetrieveAsync("contacts", id, new RetrieveOptions { Select = ["statecode"], Annotations = ODataAnnotations.FormattedValue });

        Assert.Null(plain.GetFormattedValue("statecode"));
        Assert.Equal(0, annotated.GetOptionValue("statecode"));
        Assert.Equal("Active", annotated.GetFormattedValue("statecode"));
    }

    [Fact]
    public async Task RetrieveAsync_ByAlternateKey_FindsTheRow()
    {
        var id = await Client.CreateAsync("ec_suppressions", new DataverseRow().Set("ec_emailaddress", "o'hara@example.com"));

        var row = await Client.RetrieveAsync("ec_suppressions", RecordKey.ForAlternateKey(("ec_emailaddress", "o'hara@example.com")), RetrieveOptions.Columns("ec_emailaddress"));

        Assert.Equal(id, row.GetGuid("ec_suppressionid"));
    }

    [Fact]
    public async Task RetrieveAsync_WithExpand_ReturnsTheRelatedRow()
    {
        var accountId = await Client.CreateAsync("accounts", new DataverseRow().Set("name", "Contoso"));
        var id = await Client.CreateAsync("contacts", new DataverseRow().Set("lastname", "Byron").Bind("parentcustomerid_account", "accounts", accountId));

        var row = await Client.RetrieveAsync("contacts", id, new RetrieveOptions { Select = ["lastname"], Expand = "parentcustomerid_account", ExpandSelect = ["name"] });

        Assert.Equal("Contoso", row.GetExpanded("parentcustomerid_account")!.GetString("name"));
    }

    [Fact]
    public async Task RetrieveAsync_Missing_ThrowsNotFoundWithDataverseCode()
    {
        var error = await Assert.ThrowsAsync<DataverseNotFoundException>(() => Client.RetrieveAsync("contacts", Guid.NewGuid(), RetrieveOptions.Columns("fullname")));

        Assert.Equal(DataverseErrorCodes.ObjectDoesNotExist, error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Null(await Client.TryRetrieveAsync("contacts", Guid.NewGuid(), RetrieveOptions.Columns("fullname")));
    }

    [Fact]
    public async Task RetrieveAsync_UnknownColumn_ThrowsTheServersBadRequest()
    {
        var id = _front.SeedContact("Lovelace");

        var error = await Assert.ThrowsAsync<DataverseException>(() => Client.RetrieveAsync("contacts", id, RetrieveOptions.Columns("nosuchcolumn")));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Matches("^0x[0-9a-f]{8}$", error.ErrorCode);
    }

    [Fact]
    public async Task UpdateAsync_ExistingRow_ChangesOnlyTheGivenColumns()
    {
        var id = _front.SeedContact("Lovelace", "ada@example.com", "Ada");

        await Client.UpdateAsync("contacts", id, new DataverseRow().Set("firstname", "Augusta"));

        var stored = _front.Organization.Read("contact", id)!;
        Assert.Equal("Augusta", stored["firstname"]);
        Assert.Equal("ada@example.com", stored["emailaddress1"]);
    }

    [Fact]
    public async Task UpdateAsync_MissingRow_IsNotFoundAndCreatesNothing()
    {
        var missing = Guid.NewGuid();

        await Assert.ThrowsAsync<DataverseNotFoundException>(() => Client.UpdateAsync("contacts", missing, new DataverseRow().Set("lastname", "Ghost")));

        Assert.Null(_front.Organization.Read("contact", missing));
    }

    [Fact]
    public async Task UpdateAsync_CurrentETag_Succeeds_StaleETag_IsConcurrencyFailure()
    {
        var id = _front.SeedContact("Lovelace");
        var read = await Client.RetrieveAsync("contacts", id, RetrieveOptions.Columns("lastname"));

        await Client.UpdateAsync("contacts", id, new DataverseRow().Set("firstname", "Ada"), read.ETag);
        var error = await Assert.ThrowsAsync<DataverseConcurrencyException>(() =>
            Client.UpdateAsync("contacts", id, new DataverseRow().Set("firstname", "Other"), read.ETag));

        Assert.Equal(DataverseErrorCodes.ConcurrencyVersionMismatch, error.ErrorCode);
        Assert.Equal("Ada", _front.Organization.Read("contact", id)!["firstname"]);
    }

    [Fact]
    public async Task UpsertAsync_ByAlternateKey_CreatesThenUpdatesTheSameRow()
    {
        var key = RecordKey.ForAlternateKey(("ec_emailaddress", "k@example.com"));

        var created = await Client.UpsertAsync("ec_suppressions", key, new DataverseRow().Set("ec_suppressedon", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        var updated = await Client.UpsertAsync("ec_suppressions", key, new DataverseRow().Set("ec_suppressedon", new DateTime(2026, 2, 1, 8, 30, 0, DateTimeKind.Utc)));

        var row = Assert.Single(_front.Organization.Rows("ec_suppression"));
        Assert.Equal(created, row.Id);
        Assert.Equal(created, updated);
        Assert.Equal(new DateTime(2026, 2, 1, 8, 30, 0, DateTimeKind.Utc), row["ec_suppressedon"]);
    }

    [Fact]
    public async Task UpsertAsync_CreateOnlyOnExistingKey_IsDuplicateRecord()
    {
        var key = RecordKey.ForAlternateKey(("ec_emailaddress", "dup@example.com"));
        await Client.UpsertAsync("ec_suppressions", key, new DataverseRow(), UpsertBehavior.CreateOnly);

        var error = await Assert.ThrowsAsync<DataverseConcurrencyException>(() => Client.UpsertAsync("ec_suppressions", key, new DataverseRow(), UpsertBehavior.CreateOnly));

        Assert.True(error.IsDuplicateRecord);
    }

    [Fact]
    public async Task UpsertAsync_UpdateOnlyOnMissingKey_IsNotFound()
    {
        await Assert.ThrowsAsync<DataverseNotFoundException>(() =>
            Client.UpsertAsync("ec_suppressions", RecordKey.ForAlternateKey(("ec_emailaddress", "none@example.com")), new DataverseRow(), UpsertBehavior.UpdateOnly));

        Assert.Empty(_front.Organization.Rows("ec_suppression"));
    }

    [Fact]
    public async Task DeleteAsync_ExistingRow_RemovesIt_MissingRow_IsNotFound()
    {
        var id = _front.SeedContact("Lovelace");

        await Client.DeleteAsync("contacts", id);

        Assert.Null(_front.Organization.Read("contact", id));
        await Assert.ThrowsAsync<DataverseNotFoundException>(() => Client.DeleteAsync("contacts", id));
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_IsConcurrencyFailureAndKeepsTheRow()
    {
        var id = _front.SeedContact("Lovelace");
        var read = await Client.RetrieveAsync("contacts", id, RetrieveOptions.Columns("lastname"));
        await Client.UpdateAsync("contacts", id, new DataverseRow().Set("firstname", "Ada"));

        await Assert.ThrowsAsync<DataverseConcurrencyException>(() => Client.DeleteAsync("contacts", id, read.ETag));

        Assert.NotNull(_front.Organization.Read("contact", id));
    }

    [Fact]
    public async Task AssociateAndDisassociate_ListContact_AddAndRemoveTheMember()
    {
        var list = _front.SeedList("Newsletter");
        var contact = _front.SeedContact("Lovelace");

        await Client.AssociateAsync("lists", list, "listcontact_association", "contacts", contact);
        Assert.Single(_front.Organization.Rows("listmember"), m => m.GetAttributeValue<Microsoft.Xrm.Sdk.EntityReference>("entityid").Id == contact);

        await Client.DisassociateAsync("lists", list, "listcontact_association", contact);
        Assert.Empty(_front.Organization.Rows("listmember"));
    }

    [Fact]
    public async Task DisassociateAsync_SingleValuedNavigation_ClearsTheLookup()
    {
        var accountId = await Client.CreateAsync("accounts", new DataverseRow().Set("name", "Contoso"));
        var id = await Client.CreateAsync("contacts", new DataverseRow().Set("lastname", "Byron").Bind("parentcustomerid_account", "accounts", accountId));

        await Client.DisassociateAsync("contacts", id, "parentcustomerid_account");

        Assert.False(_front.Organization.Read("contact", id)!.Contains("parentcustomerid"));
    }
}
