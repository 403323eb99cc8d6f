using System.ServiceModel;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Messages;

public class MarketingListMessagesTests
{
    private readonly EmulatedOrganization _org = TestOrganization.Create();
    private readonly IOrganizationService _service;

    public MarketingListMessagesTests() => _service = _org.CreateService();

    [Fact]
    public void AddMemberList_PlainRequest_CreatesMemberAndCountsIt()
    {
        var list = _service.StaticList("Newsletter");
        var contact = _service.Contact("Lovelace");
        IPluginExecutionContext? seen = null;
        _org.RegisterStep(DelegatePlugin.Step("AddMember", "list", PipelineStage.PostOperation, (c, _, _) => seen = c));

        var response = _service.Execute(new OrganizationRequest("AddMemberList") { ["ListId"] = list, ["EntityId"] = contact });

        var member = Assert.Single(_org.Rows("listmember"));
        Assert.Equal(member.Id, response["Id"]);
        Assert.Equal(contact, member.GetAttributeValue<EntityReference>("entityid").Id);
        Assert.Equal("contact", member["entitytype"]);
        Assert.Equal(1, _org.Read("list", list)!["membercount"]);
        Assert.Equal(list, seen!.PrimaryEntityId);
        Assert.Equal(contact, seen.InputParameters["EntityId"]);
    }

    [Fact]
    public void AddMemberList_SameMemberTwice_IsANoOp()
    {
        var list = _service.StaticList("Newsletter");
        var contact = _service.Contact("Lovelace");

        var first = (AddMemberListResponse)_service.Execute(new AddMemberListRequest { ListId = list, EntityId = contact });
        var second = (AddMemberListResponse)_service.Execute(new AddMemberListRequest { ListId = list, EntityId = contact });

        Assert.Equal(first.Id, second.Id);
        Assert.Single(_org.Rows("listmember"));
        Assert.Equal(1, _org.Read("list", list)!["membercount"]);
    }

    [Fact]
    public void AddMemberList_MemberOfOtherType_Faults()
    {
        var list = _service.StaticList("Contacts only", memberType: 2);
        var lead = _service.Create(new Entity("lead") { ["lastname"] = "x" });

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Execute(new AddMemberListRequest { ListId = list, EntityId = lead }));

        Assert.Contains("lead", fault.Detail.Message, StringComparison.Ordinal);
        Assert.Empty(_org.Rows("listmember"));
    }

    [Fact]
    public void AddMemberList_DynamicList_Faults()
    {
        var list = _service.Create(new Entity("list") { ["listname"] = "dyn", ["createdfromcode"] = new OptionSetValue(2), ["type"] = true });
        var contact = _service.Contact("x");

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Execute(new AddMemberListRequest { ListId = list, EntityId = contact }));
    }

    [Fact]
    public void AddListMembersList_OneBadMember_AddsNone()
    {
        var list = _service.StaticList("Newsletter");
        var good = _service.Contact("good");

        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _service.Execute(new AddListMembersListRequest { ListId = list, MemberIds = [good, Guid.NewGuid()] }));

        Assert.Empty(_org.Rows("listmember"));
        Assert.Equal(0, _org.Read("list", list)!["membercount"]);
    }

    [Fact]
    public void RemoveMemberList_RemovesRowAndCount()
    {
        var list = _service.StaticList("Newsletter");
        var a = _service.Contact("a");
        var b = _service.Contact("b");
        _service.Execute(new AddListMembersListRequest { ListId = list, MemberIds = [a, b] });
        string? pipelineMessage = null;
        _org.RegisterStep(DelegatePlugin.Step("RemoveMember", "list", PipelineStage.PreOperation, (c, _, _) => pipelineMessage = c.MessageName));

        _service.Execute(new RemoveMemberListRequest { ListId = list, EntityId = a });

        Assert.Equal(b, Assert.Single(_org.Rows("listmember")).GetAttributeValue<EntityReference>("entityid").Id);
        Assert.Equal(1, _org.Read("list", list)!["membercount"]);
        Assert.Equal("RemoveMember", pipelineMessage);
    }

    [Fact]
    public void AddItemCampaignActivity_LinksListToActivityOnce()
    {
        var campaign = _service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var activity = _service.Create(new Entity("campaignactivity") { ["subject"] = "Mail", ["regardingobjectid"] = new EntityReference("campaign", campaign) });
        var list = _service.StaticList("Newsletter");

        var first = (AddItemCampaignActivityResponse)_service.Execute(new AddItemCampaignActivityRequest { CampaignActivityId = activity, ItemId = list, EntityName = "list" });
        var second = (AddItemCampaignActivityResponse)_service.Execute(new AddItemCampaignActivityRequest { CampaignActivityId = activity, ItemId = list, EntityName = "list" });

        Assert.Equal(first.CampaignActivityItemId, second.CampaignActivityItemId);
        var item = Assert.Single(_org.Rows("campaignactivityitem"));
        Assert.Equal(list, item["itemid"]);
        Assert.Equal("list", item["itemobjecttypecode"]);

        _service.Delete("list", list);
        Assert.Empty(_org.Rows("campaignactivityitem"));
    }
}
