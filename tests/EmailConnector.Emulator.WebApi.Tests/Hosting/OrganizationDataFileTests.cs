using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.Hosting;

public sealed class OrganizationDataFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ec-datafile-").FullName;

    private string FilePath => Path.Combine(_folder, "sub", "emulator.data");

    [Fact]
    public void Load_AfterSave_RestoresEveryRowAndValueIntoANewOrganization()
    {
        var first = Organization();
        var service = first.CreateService();
        var contact = service.Create(new Entity("contact")
        {
            ["firstname"] = "Ada", ["lastname"] = "Lovelace", ["emailaddress1"] = "ada@example.com", ["donotbulkemail"] = true,
        });
        var list = service.Create(new Entity("list") { ["listname"] = "Readers", ["createdfromcode"] = new OptionSetValue(2) });
        service.Execute(new AddMemberListRequest { ListId = list, EntityId = contact });
        var campaign = service.Create(new Entity("campaign") { ["name"] = "Spring", ["budgetedcost"] = new Money(1234.5m),
            ["proposedstart"] = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc),
        });
        var before = new[] { "contact", "list", "listmember", "campaign", "systemuser" }.ToDictionary(t => t, first.Rows);

        Assert.True(new OrganizationDataFile(first, FilePath).Save());
        var second = Organization();
        Assert.True(new OrganizationDataFile(second, FilePath).Load());

        foreach (var (table, rows) in before)
        {
            var after = second.Rows(table);
            Assert.Equal(rows.Select(r => r.Id), after.Select(r => r.Id));
            foreach (var (expected, actual) in rows.Zip(after))
                Assert.Equal(Describe(expected), Describe(actual));
        }
        var reloaded = second.CreateService().Retrieve("campaign", campaign, new Microsoft.Xrm.Sdk.Query.ColumnSet("budgetedcost"));
        Assert.Equal(1234.5m, reloaded.GetAttributeValue<Money>("budgetedcost").Value);
        Assert.Equal(1, second.CreateService().Retrieve("list", list, new Microsoft.Xrm.Sdk.Query.ColumnSet("membercount")).GetAttributeValue<int>("membercount"));
    }

    [Fact]
    public void Load_ThenWrite_ContinuesTheRowVersionsAndKeepsIdsUnique()
    {
        var first = Organization();
        var id = first.CreateService().Create(new Entity("contact") { ["lastname"] = "One" });
        var version = first.Read("contact", id)!.GetAttributeValue<long>("versionnumber");
        new OrganizationDataFile(first, FilePath).Save();

        var second = Organization();
        new OrganizationDataFile(second, FilePath).Load();
        var next = second.CreateService().Create(new Entity("contact") { ["lastname"] = "Two" });

        Assert.NotEqual(id, next);
        Assert.True(second.Read("contact", next)!.GetAttributeValue<long>("versionnumber") > version);
    }

    [Fact]
    public void Save_WhenNothingChanged_WritesNothing_AndADeleteIsAChange()
    {
        var organization = Organization();
        var id = organization.CreateService().Create(new Entity("contact") { ["lastname"] = "One" });
        var file = new OrganizationDataFile(organization, FilePath);

        Assert.True(file.Save());
        Assert.False(file.Save());
        organization.CreateService().Delete("contact", id);
        Assert.True(file.Save());

        var reloaded = Organization();
        new OrganizationDataFile(reloaded, FilePath).Load();
        Assert.Empty(reloaded.Rows("contact"));
    }

    [Fact]
    public void Load_IntoAnOrganizationWithoutTheSolution_SkipsItsTablesAndKeepsTheRest()
    {
        var full = Organization();
        var contact = full.CreateService().Create(new Entity("contact") { ["lastname"] = "Kept" });
        full.CreateService().Create(new Entity("ec_platformaccount") { ["ec_name"] = "Dropped" });
        new OrganizationDataFile(full, FilePath).Save();

        var bare = new EmulatedOrganization(new EmulatorOptions { IdSource = Guid.NewGuid });
        var file = new OrganizationDataFile(bare, FilePath);

        Assert.True(file.Load());
        Assert.Equal(contact, Assert.Single(bare.Rows("contact")).Id);
        Assert.False(bare.Store.HasTable("ec_platformaccount"));
    }

    [Fact]
    public void Load_WhenNoFile_ReturnsFalseAndKeepsTheRows()
    {
        var organization = Organization();
        organization.CreateService().Create(new Entity("contact") { ["lastname"] = "One" });

        Assert.False(new OrganizationDataFile(organization, FilePath).Load());
        Assert.Single(organization.Rows("contact"));
    }

    [Fact]
    public void Load_WhenNotADataFile_Throws()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, "not a data file");

        Assert.ThrowsAny<Exception>(() => new OrganizationDataFile(Organization(), FilePath).Load());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static EmulatedOrganization Organization() => EmulatorSetup.CreateOrganization(RepositoryPaths.Solution, pluginAssembly: null);

    private static string Describe(Entity entity) =>
        string.Join("|", entity.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value switch
        {
            EntityReference r => r.LogicalName + ":" + r.Id,
            OptionSetValue o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Money m => m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + d.Kind,
            var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        }));
}
