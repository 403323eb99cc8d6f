using EmailConnector.Core;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// A campaign activity on the email platform with one static list of <c>n</c> contacts (member01@example.com, …),
/// every one of them eligible; set up through the organization service, with the solution's plugins running.
/// </summary>
internal sealed class TransferScene
{
    private readonly WorkerFront _front;

    private TransferScene(WorkerFront front, Guid activityId, IReadOnlyList<RecordReference> members)
    {
        _front = front;
        ActivityId = activityId;
        Members = members;
    }

    public Guid ActivityId { get; }

    public IReadOnlyList<RecordReference> Members { get; }

    public static TransferScene Build(WorkerFront front, int members, string name = "Spring")
    {
        var service = front.Service;
        var activityId = front.EmailActivity(name, listName: name);
        var list = service.Create(new Entity("list") { ["listname"] = name + " list", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });
        var contacts = new List<RecordReference>();
        for (var i = 1; i <= members; i++)
        {
            var tag = name.ToLowerInvariant().Replace(' ', '-') + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            contacts.Add(new RecordReference("contact", service.Create(new Entity("contact")
            {
                ["firstname"] = "Member", ["lastname"] = tag, ["emailaddress1"] = tag + "@example.com",
            })));
        }

        service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = list, ["MemberIds"] = contacts.Select(c => c.Id).ToArray() });
        service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = activityId, ["ItemId"] = list, ["EntityName"] = "list" });
        return new TransferScene(front, activityId, contacts);
    }

    public Guid StartTransfer() =>
        (Guid)_front.Service.Execute(new OrganizationRequest(CustomApiNames.StartTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", ActivityId) })
            [CustomApiNames.StartTransfer.SyncRequestId];

    public Entity Activity() => _front.Service.Retrieve("campaignactivity", ActivityId, new ColumnSet(
        CampaignActivityColumns.TransferState, CampaignActivityColumns.TransferredCount, CampaignActivityColumns.ExcludedCount,
        CampaignActivityColumns.PlatformListId, CampaignActivityColumns.TransferSummary));

    public TransferState State() => (TransferState)Activity().GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState).Value;

    public string ListId() => Activity().GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);
}
