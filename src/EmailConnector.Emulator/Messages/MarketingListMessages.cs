using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Messages;

/// <summary>
/// The list messages (dataverse.md §6.5–6.6): static lists only, members of the list's createdfromcode type
/// (1 account, 2 contact, 4 lead), a repeated add is a no-op, and list.membercount is kept. The pipeline sees them as
/// AddMember, AddListMembers and RemoveMember on list.
/// </summary>
internal abstract class ListMessage : MessageHandler
{
    protected static Guid ListOf(RequestContext context, OrganizationRequest request)
    {
        var listId = Required<Guid>(request, "ListId");
        var lists = context.Store.Table("list");
        var row = lists.Get(listId) ?? throw OrganizationFaults.NotFound("list", listId);
        if (row[lists.SlotOf("type")!.Value] is true)
            throw OrganizationFaults.InvalidArgument("Members cannot be added to or removed from a dynamic marketing list.");
        if (row[lists.SlotOf("lockstatus")!.Value] is true)
            throw OrganizationFaults.InvalidArgument("The marketing list is locked; its members cannot be changed.");
        return listId;
    }

    protected static string MemberTable(RequestContext context, Guid listId)
    {
        var lists = context.Store.Table("list");
        return lists.Get(listId)![lists.SlotOf("createdfromcode")!.Value] switch
        {
            1 => "account",
            2 => "contact",
            4 => "lead",
            var other => throw OrganizationFaults.InvalidArgument($"The marketing list has no valid member type (createdfromcode {other})."),
        };
    }

    protected static void RequireMember(RequestContext context, string memberTable, Guid memberId)
    {
        if (context.Store.Table(memberTable).Get(memberId) is not null)
            return;
        var other = new[] { "account", "contact", "lead" }.FirstOrDefault(t => t != memberTable && context.Store.Table(t).Get(memberId) is not null);
        if (other is not null)
            throw OrganizationFaults.Create(ErrorCodes.ListMemberTypeMismatch, $"The {other} {memberId} cannot be added: the marketing list's members are of type {memberTable}.");
        throw OrganizationFaults.NotFound(memberTable, memberId);
    }

    protected static Guid? FindMember(RequestContext context, Guid listId, Guid memberId)
    {
        var members = context.Store.Table("listmember");
        var listSlot = members.SlotOf("listid")!.Value;
        return members.IdsWhere(members.SlotOf("entityid")!.Value, memberId)
            .Cast<Guid?>()
            .FirstOrDefault(id => members.Get(id!.Value)![listSlot] is LookupValue list && list.Id == listId);
    }

    protected static Guid AddMember(RequestContext context, Guid listId, string memberTable, Guid memberId)
    {
        RequireMember(context, memberTable, memberId);
        if (FindMember(context, listId, memberId) is { } existing)
            return existing;
        var id = context.Records.Create(
            new Entity("listmember") { ["listid"] = new EntityReference("list", listId), ["entityid"] = new EntityReference(memberTable, memberId) },
            context.Caller);
        context.Records.AdjustMemberCount(listId, +1);
        return id;
    }
}

internal sealed class AddMemberListMessage : ListMessage
{
    public override string RequestName => "AddMemberList";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        Required<Guid>(request, "EntityId");
        return new MessageInfo("AddMember", "list", Required<Guid>(request, "ListId"));
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var listId = ListOf(context, request);
        var id = AddMember(context, listId, MemberTable(context, listId), Required<Guid>(request, "EntityId"));
        return Respond<AddMemberListResponse>("AddMemberList", ("Id", id));
    }
}

internal sealed class AddListMembersListMessage : ListMessage
{
    public override string RequestName => "AddListMembersList";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        Required<Guid[]>(request, "MemberIds");
        return new MessageInfo("AddListMembers", "list", Required<Guid>(request, "ListId"));
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var listId = ListOf(context, request);
        var table = MemberTable(context, listId);
        foreach (var member in Required<Guid[]>(request, "MemberIds"))
            AddMember(context, listId, table, member);
        return Respond<AddListMembersListResponse>("AddListMembersList");
    }
}

internal sealed class RemoveMemberListMessage : ListMessage
{
    public override string RequestName => "RemoveMemberList";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        Required<Guid>(request, "EntityId");
        return new MessageInfo("RemoveMember", "list", Required<Guid>(request, "ListId"));
    }

    // Removing a record that is not a member is a no-op here (emulator.md §2.3 leaves it to verify).
    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var listId = ListOf(context, request);
        if (FindMember(context, listId, Required<Guid>(request, "EntityId")) is { } member)
            context.Records.RemoveIntersectRow(context.Store.Table("listmember"), member);
        return Respond<RemoveMemberListResponse>("RemoveMemberList");
    }
}

/// <summary>AddItemCampaignActivity: links an item (a marketing list) to a campaign activity through campaignactivityitem.</summary>
internal sealed class AddItemCampaignActivityMessage : MessageHandler
{
    public override string RequestName => "AddItemCampaignActivity";

    // The pipeline name AddItem on campaignactivity is community evidence (dataverse.md §6.3).
    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        Required<Guid>(request, "ItemId");
        Required<string>(request, "EntityName");
        return new MessageInfo("AddItem", "campaignactivity", Required<Guid>(request, "CampaignActivityId"));
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var activityId = Required<Guid>(request, "CampaignActivityId");
        var itemId = Required<Guid>(request, "ItemId");
        var itemTable = Required<string>(request, "EntityName");
        if (context.Store.Table("campaignactivity").Get(activityId) is null)
            throw OrganizationFaults.NotFound("campaignactivity", activityId);
        if (itemTable != "list")
            throw new NotSupportedException($"AddItemCampaignActivity with EntityName '{itemTable}' is not emulated (only list).");
        if (context.Store.Table(itemTable).Get(itemId) is null)
            throw OrganizationFaults.NotFound(itemTable, itemId);
        var items = context.Store.Table("campaignactivityitem");
        var activitySlot = items.SlotOf("campaignactivityid")!.Value;
        var existing = items.IdsWhere(items.SlotOf("itemid")!.Value, itemId)
            .Cast<Guid?>()
            .FirstOrDefault(id => items.Get(id!.Value)![activitySlot] is LookupValue a && a.Id == activityId);
        var id = existing ?? context.Records.Create(
            new Entity("campaignactivityitem")
            {
                ["campaignactivityid"] = new EntityReference("campaignactivity", activityId), ["itemid"] = itemId, ["itemobjecttypecode"] = itemTable,
            },
            context.Caller);
        return Respond<AddItemCampaignActivityResponse>("AddItemCampaignActivity", ("CampaignActivityItemId", id));
    }
}
