using System.Text.Json;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Tests.Rows;

public class DataverseRowTests
{
    // The documented shape of a retrieved contact with annotations (dataverse.md §3.3).
    private const string Contact = """
        {
          "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#contacts(fullname,emailaddress1,_parentcustomerid_value,statecode)/$entity",
          "@odata.etag": "W/\"4873510\"",
          "fullname": "Ada Lovelace",
          "emailaddress1": "ada@example.com",
          "statecode": 0,
          "statecode@OData.Community.Display.V1.FormattedValue": "Active",
          "_parentcustomerid_value": "00000000-0000-0000-0000-000000000001",
          "_parentcustomerid_value@OData.Community.Display.V1.FormattedValue": "Contoso",
          "_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "parentcustomerid_account",
          "_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "account",
          "contactid": "00000000-0000-0000-0000-0000000000aa",
          "telephone1": null,
          "creditlimit": 1500.25,
          "birthdate": "1815-12-10",
          "createdon": "2024-05-01T10:00:00Z",
          "donotbulkemail": false,
          "ec_channels": "1,3"
        }
        """;

    [Fact]
    public void Getters_DocumentedContact_ReturnTypedValues()
    {
        var row = DataverseRow.Parse(Contact);

        Assert.Equal("W/\"4873510\"", row.ETag);
        Assert.Equal("Ada Lovelace", row.GetString("fullname"));
        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-0000000000aa"), row.GetGuid("contactid"));
        Assert.Equal(0, row.GetOptionValue("statecode"));
        Assert.Equal("Active", row.GetFormattedValue("statecode"));
        Assert.Equal(1500.25m, row.GetMoney("creditlimit"));
        Assert.Equal(new DateOnly(1815, 12, 10), row.GetDateOnly("birthdate"));
        Assert.False(row.GetBoolean("donotbulkemail"));
        Assert.Equal([1, 3], row.GetOptionValues("ec_channels"));
    }

    [Fact]
    public void GetDateTime_IsoUtcString_ReturnsUtcKind()
    {
        var value = DataverseRow.Parse(Contact).GetDateTime("createdon");

        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value!.Value.Kind);
    }

    [Theory]
    [InlineData("parentcustomerid")]
    [InlineData("_parentcustomerid_value")]
    public void GetLookup_WithAnnotations_ReturnsTargetNameAndNavigationProperty(string name)
    {
        var lookup = DataverseRow.Parse(Contact).GetLookup(name);

        Assert.Equal(new DataverseLookup(Guid.Parse("00000000-0000-0000-0000-000000000001"), "account", "Contoso", "parentcustomerid_account"), lookup);
    }

    [Fact]
    public void Getters_NullAndMissingColumns_ReturnNullButContainsTellsThemApart()
    {
        var row = DataverseRow.Parse(Contact);

        Assert.Null(row.GetString("telephone1"));
        Assert.True(row.Contains("telephone1"));
        Assert.Null(row.GetString("mobilephone"));
        Assert.False(row.Contains("mobilephone"));
        Assert.Null(row.GetLookup("ownerid"));
    }

    [Fact]
    public void GetGuid_OnNumber_ThrowsNamingTheColumn()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DataverseRow.Parse(Contact).GetGuid("statecode"));

        Assert.Contains("statecode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_LookupValueProperty_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new DataverseRow().Set("_parentcustomerid_value", Guid.NewGuid()));
    }

    [Fact]
    public void SetAndBind_BuildTheDocumentedWriteBody()
    {
        var account = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var row = new DataverseRow()
            .Set("firstname", "Ada")
            .Set("birthdate", new DateOnly(1815, 12, 10))
            .Set("createdon", new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc))
            .Set("ec_channels", new[] { 1, 3 })
            .Bind("parentcustomerid_account", "accounts", account)
            .Bind("ec_ListId", "lists", RecordKey.ForAlternateKey(("ec_code", "L'1")));

        Assert.Equal(
            """{"firstname":"Ada","birthdate":"1815-12-10","createdon":"2024-05-01T10:00:00Z","ec_channels":"1,3","parentcustomerid_account@odata.bind":"/accounts(00000000-0000-0000-0000-000000000001)","ec_ListId@odata.bind":"/lists(ec_code='L''1')"}""",
            row.ToJsonString());
    }

    [Fact]
    public void Getters_AfterMutation_ReadTheNewValues()
    {
        var row = DataverseRow.Parse(Contact);

        row.Set("fullname", "Augusta Ada King").Set("statecode", 1);

        Assert.Equal("Augusta Ada King", row.GetString("fullname"));
        Assert.Equal(1, row.GetOptionValue("statecode"));
        Assert.Equal("ada@example.com", row.GetString("emailaddress1"));
    }

    [Fact]
    public void ToString_ListsColumnNamesWithoutValues()
    {
        var text = DataverseRow.Parse(Contact).ToString();

        Assert.Contains("emailaddress1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.com", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GetExpanded_SingleValuedNavigation_ReturnsNestedRow()
    {
        var row = DataverseRow.Parse("""{"contactid":"00000000-0000-0000-0000-0000000000aa","parentcustomerid_account":{"name":"Contoso","accountid":"00000000-0000-0000-0000-000000000001"}}""");

        Assert.Equal("Contoso", row.GetExpanded("parentcustomerid_account")!.GetString("name"));
    }

    [Fact]
    public void Clone_IsIndependentOfTheOriginal()
    {
        var row = DataverseRow.Parse(Contact);

        var copy = row.Clone().Set("fullname", "Other");

        Assert.Equal("Ada Lovelace", row.GetString("fullname"));
        Assert.Equal("Other", copy.GetString("fullname"));
    }

    [Fact]
    public void FromJson_NonObject_IsRejected()
    {
        using var document = JsonDocument.Parse("[1]");

        Assert.Throws<ArgumentException>(() => DataverseRow.FromJson(document.RootElement));
    }
}
