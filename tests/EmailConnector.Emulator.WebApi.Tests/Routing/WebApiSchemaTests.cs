using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.Tests.Routing;

/// <summary>Navigation property names (dataverse.md §3.2), from the relationships or Dataverse's naming pattern.</summary>
public sealed class WebApiSchemaTests
{
    private static readonly WebApiSchema Schema = new(SystemCatalog.Create());

    [Theory]
    [InlineData("contact", "parentcustomerid_account", "parentcustomerid", "account")]
    [InlineData("contact", "parentcustomerid_contact", "parentcustomerid", "contact")]
    [InlineData("email", "regardingobjectid_contact_email", "regardingobjectid", "contact")]
    [InlineData("campaignactivity", "regardingobjectid_campaign_campaignactivity", "regardingobjectid", "campaign")]
    [InlineData("listmember", "listid", "listid", "list")]
    [InlineData("annotation", "objectid_list", "objectid", "list")]
    public void FindSingle_KnownName_MapsToColumnAndTarget(string table, string navigation, string column, string target)
    {
        var found = Schema.FindSingle(Schema.Catalog.FindTable(table)!, navigation);

        Assert.NotNull(found);
        Assert.Equal(column, found.Column.LogicalName);
        Assert.Equal(target, found.Target);
    }

    [Fact]
    public void FindSingle_Owner_AcceptsUsersAndTeams()
    {
        var owner = Schema.FindSingle(Schema.Catalog.FindTable("contact")!, "ownerid");

        Assert.NotNull(owner);
        Assert.Null(owner.Target);
    }

    [Theory]
    [InlineData("list", "listcontact_association", "contact", true)]
    [InlineData("contact", "listcontact_association", "list", true)]
    [InlineData("account", "contact_customer_accounts", "contact", false)]
    public void FindCollection_KnownName_MapsToRelationship(string table, string navigation, string related, bool manyToMany)
    {
        var found = Schema.FindCollection(Schema.Catalog.FindTable(table)!, navigation);

        Assert.NotNull(found);
        Assert.Equal(related, found.RelatedTable);
        Assert.Equal(manyToMany, found.IsManyToMany);
    }
}
