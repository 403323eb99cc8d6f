using System.ServiceModel;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Messages;

public class RelationshipMessagesTests
{
    private readonly EmulatedOrganization _org = TestOrganization.Create();
    private readonly IOrganizationService _service;

    public RelationshipMessagesTests() => _service = _org.CreateService();

    [Fact]
    public void Associate_ManyToMany_InsertsIntersectRowAndDuplicateFaults()
    {
        var list = _service.StaticList("Newsletter");
        var contact = _service.Contact("Lovelace");
        var relationship = new Relationship("listcontact_association");

        _service.Associate("list", list, relationship, [new EntityReference("contact", contact)]);

        Assert.Single(_org.Rows("listmember"));
        Assert.Equal(1, _org.Read("list", list)!["membercount"]);
        var duplicate = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _service.Associate("contact", contact, relationship, [new EntityReference("list", list)]));
        Assert.Equal(unchecked((int)0x80040237), duplicate.Detail.ErrorCode);

        _service.Disassociate("contact", contact, relationship, [new EntityReference("list", list)]);
        Assert.Empty(_org.Rows("listmember"));
    }

    [Fact]
    public void Associate_CampaignActivityList_UsesCampaignActivityItem()
    {
        var campaign = _service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var activity = _service.Create(new Entity("campaignactivity") { ["subject"] = "Mail", ["regardingobjectid"] = new EntityReference("campaign", campaign) });
        var list = _service.StaticList("Newsletter");

        _service.Associate("campaignactivity", activity, new Relationship("campaignactivitylist_association"), [new EntityReference("list", list)]);

        var item = Assert.Single(_org.Rows("campaignactivityitem"));
        Assert.Equal(list, item["itemid"]);
        Assert.Equal(activity, item.GetAttributeValue<EntityReference>("campaignactivityid").Id);
    }

    [Fact]
    public void AssociateAndDisassociate_OneToMany_SetAndClearTheLookup()
    {
        var account = _service.Create(new Entity("account") { ["name"] = "Contoso" });
        var contact = _service.Contact("Lovelace");
        var relationship = new Relationship("contact_customer_accounts");

        _service.Associate("account", account, relationship, [new EntityReference("contact", contact)]);
        Assert.Equal(account, _org.Read("contact", contact)!.GetAttributeValue<EntityReference>("parentcustomerid").Id);

        _service.Disassociate("account", account, relationship, [new EntityReference("contact", contact)]);
        Assert.False(_org.Read("contact", contact)!.Contains("parentcustomerid"));
    }

    [Fact]
    public void Associate_UnknownRelationship_Faults()
    {
        var list = _service.StaticList("x");

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _service.Associate("list", list, new Relationship("no_such_relationship"), [new EntityReference("contact", Guid.NewGuid())]));

        Assert.Contains("no_such_relationship", fault.Detail.Message, StringComparison.Ordinal);
    }
}
