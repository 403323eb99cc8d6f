using System.Xml.Linq;
using EmailConnector.Schema;

namespace EmailConnector.Solution.Tests;

/// <summary>Every marketing-list member table (account, contact, lead) carries the same bounce and sync columns and form section.</summary>
public class RecipientColumnsTests
{
    private static readonly string[] MemberTables = ["Account", "Contact", "Lead"];

    private static readonly string[] Columns =
    [
        RecipientColumns.EmailInvalid, RecipientColumns.BounceCategory, RecipientColumns.HardBounceCount, RecipientColumns.SoftBounceCount,
        RecipientColumns.LastBounceOn, RecipientColumns.SyncStatus, RecipientColumns.LastSyncError, RecipientColumns.LastSyncedOn,
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PackedCustomizations_EveryMemberTable_DeclaresTheRecipientColumnsLikeContact(bool managed)
    {
        var entities = SolutionSource.PackedXml(managed, "customizations.xml").Element("Entities")!.Elements("Entity")
            .ToDictionary(e => e.Element("Name")!.Value, StringComparer.Ordinal);
        var contact = RecipientAttributes(entities["Contact"], "contact");

        foreach (var table in MemberTables)
        {
            Assert.True(entities.ContainsKey(table), $"The packed solution has no {table} entity.");
            var attributes = RecipientAttributes(entities[table], table.ToLowerInvariant());
            Assert.Equal(Columns.Order(StringComparer.Ordinal), attributes.Keys.Order(StringComparer.Ordinal));
            foreach (var column in Columns)
                Assert.True(XNode.DeepEquals(contact[column], attributes[column]), $"{table}.{column} differs from contact.{column}.");
        }

        Assert.Equal("ec_account_ec_emailinvalid", entities["Account"].Descendants("attribute")
            .Single(a => a.Element("LogicalName")!.Value == RecipientColumns.EmailInvalid).Element("optionset")!.Attribute("Name")!.Value);
    }

    [Fact]
    public void MemberForms_EveryMemberTable_HasTheBouncesAndSyncSectionWithEveryColumn()
    {
        foreach (var table in MemberTables)
        {
            var forms = SolutionSource.Files(Path.Combine("Entities", table, "FormXml", "main"), "*.xml").ToList();
            Assert.Equal(2, forms.Count);
            foreach (var form in forms)
            {
                var section = XElement.Load(form).Descendants("section").Single(s => s.Attribute("name")!.Value == "section_bounces_and_sync");
                Assert.Equal(Columns, section.Descendants("control").Select(c => c.Attribute("datafieldname")!.Value));
            }
        }
    }

    [Fact]
    public void Manifest_AccountIsARootComponentWithItsSubcomponentsAndInTheApp()
    {
        var root = SolutionSource.Load("Other/Solution.xml").Descendants("RootComponent")
            .Single(r => r.Attribute("type")!.Value == "1" && r.Attribute("schemaName")!.Value == "account");
        Assert.Equal("2", root.Attribute("behavior")!.Value);
        Assert.Contains(SolutionSource.Load("AppModules/ec_EmailConnector/AppModule.xml").Descendants("AppModuleComponent"),
            c => c.Attribute("type")!.Value == "1" && c.Attribute("schemaName")!.Value == "account");
        Assert.Contains(SolutionSource.Load("AppModuleSiteMaps/ec_EmailConnector/AppModuleSiteMap.xml").Descendants("SubArea"),
            s => s.Attribute("Entity")!.Value == "account");
    }

    // The bit column's optionset is named per table; everything else must be the same definition.
    private static Dictionary<string, XElement> RecipientAttributes(XElement entity, string table) =>
        entity.Descendants("attribute")
            .Where(a => Columns.Contains(a.Element("LogicalName")!.Value))
            .ToDictionary(a => a.Element("LogicalName")!.Value, a =>
            {
                var copy = new XElement(a);
                copy.Element("optionset")?.Attribute("Name")?.SetValue(copy.Element("optionset")!.Attribute("Name")!.Value.Replace("ec_" + table + "_", "ec_{table}_", StringComparison.Ordinal));
                return copy;
            }, StringComparer.Ordinal);
}
