using EmailConnector.Emulator.Metadata;

namespace EmailConnector.Emulator.Tests.Metadata;

public class SystemCatalogTests
{
    private readonly MetadataCatalog _catalog = SystemCatalog.Create();

    [Theory]
    [InlineData("campaign", "campaigns", "campaignid", "name")]
    [InlineData("campaignactivity", "campaignactivities", "activityid", "subject")]
    [InlineData("campaignactivityitem", "campaignactivityitems", "campaignactivityitemid", "name")]
    [InlineData("campaignresponse", "campaignresponses", "activityid", "subject")]
    [InlineData("list", "lists", "listid", "listname")]
    [InlineData("listmember", "listmembers", "listmemberid", "name")]
    [InlineData("contact", "contacts", "contactid", "fullname")]
    [InlineData("lead", "leads", "leadid", "fullname")]
    [InlineData("account", "accounts", "accountid", "name")]
    [InlineData("email", "emails", "activityid", "subject")]
    [InlineData("activityparty", "activityparties", "activitypartyid", "partyidname")]
    [InlineData("activitypointer", "activitypointers", "activityid", "subject")]
    [InlineData("annotation", "annotations", "annotationid", "subject")]
    [InlineData("systemuser", "systemusers", "systemuserid", "fullname")]
    [InlineData("businessunit", "businessunits", "businessunitid", "name")]
    [InlineData("team", "teams", "teamid", "name")]
    public void Create_SystemTable_HasDataverseNames(string table, string set, string id, string name)
    {
        var definition = _catalog.FindTable(table)!;

        Assert.Equal(set, definition.EntitySetName);
        Assert.Equal(id, definition.PrimaryIdAttribute);
        Assert.Equal(name, definition.PrimaryNameAttribute);
        Assert.Same(definition, _catalog.FindTableBySetName(set));
    }

    [Fact]
    public void Create_StateModels_MatchTheTableReference()
    {
        var campaign = _catalog.FindTable("campaign")!;
        Assert.Equal(0, campaign.DefaultState!.DefaultStatus);
        var activity = _catalog.FindTable("campaignactivity")!;
        Assert.Equal(1, activity.FindState(0)!.DefaultStatus);
        Assert.Equal(1, activity.StateOfStatus(2)!.State);
        Assert.Equal(2, activity.StateOfStatus(3)!.State);
        var email = _catalog.FindTable("email")!;
        Assert.Equal(1, email.StateOfStatus(3)!.State);
        Assert.Equal(5, email.FindState(2)!.DefaultStatus);
        var lead = _catalog.FindTable("lead")!;
        Assert.Equal(3, lead.FindState(1)!.DefaultStatus);
    }

    [Fact]
    public void Create_ListMembership_IsThreeNToNThroughListmember()
    {
        foreach (var (name, member) in new[] { ("listcontact_association", "contact"), ("listaccount_association", "account"), ("listlead_association", "lead") })
        {
            var relationship = _catalog.FindManyToMany(name)!;
            Assert.Equal(("list", member, "listmember"), (relationship.Entity1, relationship.Entity2, relationship.IntersectEntity));
        }
        Assert.Equal("campaignactivityitem", _catalog.FindManyToMany("campaignactivitylist_association")!.IntersectEntity);
        Assert.NotNull(_catalog.FindManyToMany("campaignlist_association"));
    }

    [Fact]
    public void Create_ImmutableColumns_AreNotValidForUpdate()
    {
        Assert.False(_catalog.FindTable("list")!.FindColumn("createdfromcode")!.ValidForUpdate);
        Assert.False(_catalog.FindTable("list")!.FindColumn("type")!.ValidForUpdate);
        Assert.False(_catalog.FindTable("campaignactivity")!.FindColumn("regardingobjectid")!.ValidForUpdate);
        Assert.False(_catalog.FindTable("listmember")!.SupportsUpdate);
    }

    [Fact]
    public void Create_ContactParentAccount_CascadesThroughDocumentedRelationship()
    {
        var relationship = _catalog.FindOneToMany("contact_customer_accounts")!;

        Assert.Equal(("account", "contact", "parentcustomerid"), (relationship.ReferencedTable, relationship.ReferencingTable, relationship.ReferencingAttribute));
        Assert.Equal("parentcustomerid_account", relationship.ReferencingNavigationProperty);
    }
}
