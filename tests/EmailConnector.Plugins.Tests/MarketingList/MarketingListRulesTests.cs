using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.MarketingList;

// ListOnAddMemberPostOperation, ListOnAddListMembersPostOperation and ListOnRemoveMemberPostOperation share one rule.
public class MarketingListRulesTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void AddMemberList_SyncedList_QueuesListMembershipChangedForTheList()
    {
        var list = _org.StaticList("Newsletter", synced: true);
        var contact = _org.Contact("Doe");

        _org.Service.Execute(new OrganizationRequest("AddMemberList") { ["ListId"] = list, ["EntityId"] = contact });

        var request = _org.SingleSyncRequest();
        Assert.Equal((int)SyncOperation.ListMembershipChanged, request.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value);
        Assert.Equal("list", request.GetAttributeValue<string>(SyncRequest.TargetTable));
        Assert.Equal(list.ToString("D"), request.GetAttributeValue<string>(SyncRequest.TargetId));
        Assert.Contains(_org.Organization.Log.Steps, s => s.PluginTypeName == typeof(Plugins.MarketingList.ListOnAddMemberPostOperation).FullName && s.MessageName == "AddMember");
    }

    [Fact]
    public void AddMemberList_UnsyncedList_QueuesNothing()
    {
        var list = _org.StaticList("Internal");

        _org.Service.Execute(new OrganizationRequest("AddMemberList") { ["ListId"] = list, ["EntityId"] = _org.Contact("Doe") });

        Assert.Empty(_org.SyncRequests());
    }

    [Fact]
    public void AddListMembersThenRemoveMember_SyncedList_CoalesceIntoOnePendingRequest()
    {
        var list = _org.StaticList("Newsletter", synced: true);
        var first = _org.Contact("Doe");
        var second = _org.Contact("Roe", "roe@example.com");

        _org.AddMembers(list, first, second);
        _org.Service.Execute(new OrganizationRequest("RemoveMemberList") { ["ListId"] = list, ["EntityId"] = first });

        Assert.Equal($"listmembershipchanged:list:{list:D}:pending", _org.SingleSyncRequest().GetAttributeValue<string>(SyncRequest.DedupeKey));
        Assert.Contains(_org.Organization.Log.Steps, s => s.PluginTypeName == typeof(Plugins.MarketingList.ListOnRemoveMemberPostOperation).FullName);
        Assert.Contains(_org.Organization.Log.Steps, s => s.PluginTypeName == typeof(Plugins.MarketingList.ListOnAddListMembersPostOperation).FullName);
    }
}
