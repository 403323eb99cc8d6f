using System.Text.Json;
using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.CustomApis;

public class PreviewTransferApiTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Preview_ListsWithExcludedMembers_CountsEachMemberOnceUnderItsFirstReason()
    {
        var activity = _org.EmailActivity();
        var newsletter = _org.StaticList("Newsletter");
        var ok = _org.Contact("Able", "able@example.com", transferred: false);
        var noBulk = _org.Contact("Baker", "baker@example.com", transferred: false, with: c => c["donotbulkemail"] = true);
        var flagged = _org.Contact("Carter", "carter@example.com", transferred: false, with: c => c[RecipientColumns.EmailInvalid] = true);
        var malformed = _org.Contact("Dale", "dale(at)example.com", transferred: false);
        var duplicate = _org.Contact("Evans", "ABLE@example.com", transferred: false);
        var missing = _org.Contact("Fox", null, transferred: false);
        var bounced = _org.Contact("Gray", "gray@example.com", transferred: false, with: c => c[RecipientColumns.BounceCategory] = new OptionSetValue((int)BounceCategory.Hard));
        _org.AddMembers(newsletter, ok, noBulk, flagged, malformed, duplicate, missing, bounced);
        var vip = _org.DynamicList("VIP", "<fetch><entity name='contact'><attribute name='fullname'/><filter><condition attribute='lastname' operator='in'><value>Able</value><value>Hill</value></condition></filter></entity></fetch>");
        var hill = _org.Contact("Hill", "hill@example.com", transferred: false);
        _org.AttachList(activity, newsletter);
        _org.AttachList(activity, vip);
        _org.ClearQueue();

        var response = _org.Call(CustomApiNames.PreviewTransfer.Name, new EntityReference("campaignactivity", activity));

        Assert.Equal(2, response[CustomApiNames.PreviewTransfer.ListCount]);
        Assert.Equal(8, response[CustomApiNames.PreviewTransfer.MemberCount]);
        Assert.Equal(2, response[CustomApiNames.PreviewTransfer.RecipientCount]);
        Assert.Equal(6, response[CustomApiNames.PreviewTransfer.ExcludedCount]);
        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.ExcludedDoNotBulkEmail]);
        Assert.Equal(2, response[CustomApiNames.PreviewTransfer.ExcludedInvalidAddress]);
        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.ExcludedBounced]);
        Assert.Equal(0, response[CustomApiNames.PreviewTransfer.ExcludedUnsubscribed]);
        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.ExcludedDuplicateAddress]);
        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.ExcludedNoAddress]);

        using var lists = JsonDocument.Parse((string)response[CustomApiNames.PreviewTransfer.ListsJson]);
        var first = lists.RootElement[0];
        Assert.Equal(newsletter.ToString("D"), first.GetProperty("listId").GetString());
        Assert.Equal("contact", first.GetProperty("memberType").GetString());
        Assert.False(first.GetProperty("isDynamic").GetBoolean());
        Assert.Equal(7, first.GetProperty("memberCount").GetInt32());
        Assert.Equal(1, first.GetProperty("recipientCount").GetInt32());
        Assert.Equal(1, first.GetProperty("excluded").GetProperty("duplicateAddress").GetInt32());
        var second = lists.RootElement[1];
        Assert.True(second.GetProperty("isDynamic").GetBoolean());
        Assert.Equal(2, second.GetProperty("memberCount").GetInt32());
        Assert.Equal(2, second.GetProperty("recipientCount").GetInt32());
        Assert.Empty(_org.SyncRequests());
        _ = hill;
    }

    [Fact]
    public void Preview_UnsubscribesAndSuppressions_CountAsUnsubscribedOrBounced()
    {
        var activity = _org.EmailActivity();
        var list = _org.StaticList("Newsletter");
        var left = _org.Contact("Able", "able@example.com", transferred: false);
        var suppressed = _org.Contact("Baker", "baker@example.com", transferred: false);
        var dead = _org.Contact("Carter", "carter@example.com", transferred: false);
        _org.AddMembers(list, left, suppressed, dead);
        _org.AttachList(activity, list);
        _org.Service.Create(new Entity(ListUnsubscribe.EntityName) { [ListUnsubscribe.ListId] = new EntityReference("list", list), [ListUnsubscribe.ContactId] = new EntityReference("contact", left) });
        _org.Service.Create(new Entity(Suppression.EntityName) { [Suppression.EmailAddress] = "baker@example.com", [Suppression.Reason] = new OptionSetValue((int)SuppressionReason.Unsubscribed) });
        _org.Service.Create(new Entity(Suppression.EntityName) { [Suppression.EmailAddress] = "carter@example.com", [Suppression.Reason] = new OptionSetValue((int)SuppressionReason.HardBounce) });

        var response = _org.Call(CustomApiNames.PreviewTransfer.Name, new EntityReference("campaignactivity", activity));

        Assert.Equal(2, response[CustomApiNames.PreviewTransfer.ExcludedUnsubscribed]);
        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.ExcludedBounced]);
        Assert.Equal(0, response[CustomApiNames.PreviewTransfer.RecipientCount]);
    }

    [Fact]
    public void Preview_AccountListWithFlaggedAndBouncedAccounts_CountsThemAsInvalidAndBounced()
    {
        var activity = _org.EmailActivity();
        var list = _org.StaticList("Partners", memberType: 1);
        var ok = Account("Able", "able@example.com");
        var noBulk = Account("Baker", "baker@example.com", a => a["donotbulkemail"] = true);
        var flagged = Account("Carter", "carter@example.com", a => a[RecipientColumns.EmailInvalid] = true);
        var bounced = Account("Dale", "dale@example.com", a => a[RecipientColumns.BounceCategory] = new OptionSetValue((int)BounceCategory.Hard));
        _org.AddMembers(list, ok, noBulk, flagged, bounced);
        _org.AttachList(activity, list);

        var response = _org.Call(CustomApiNames.PreviewTransfer.Name, new EntityReference("campaignactivity", activity));

        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.RecipientCount]);
        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.ExcludedDoNotBulkEmail]);
        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.ExcludedInvalidAddress]);
        Assert.Equal(1, response[CustomApiNames.PreviewTransfer.ExcludedBounced]);
        using var lists = JsonDocument.Parse((string)response[CustomApiNames.PreviewTransfer.ListsJson]);
        Assert.Equal("account", lists.RootElement[0].GetProperty("memberType").GetString());
    }

    [Fact]
    public void Preview_ActivityWithoutLists_ReturnsZerosAndAnEmptyListsJson()
    {
        var activity = _org.EmailActivity();

        var response = _org.Call(CustomApiNames.PreviewTransfer.Name, new EntityReference("campaignactivity", activity));

        Assert.Equal(0, response[CustomApiNames.PreviewTransfer.ListCount]);
        Assert.Equal(0, response[CustomApiNames.PreviewTransfer.MemberCount]);
        Assert.Equal("[]", response[CustomApiNames.PreviewTransfer.ListsJson]);
    }

    private Guid Account(string name, string email, Action<Entity>? with = null)
    {
        var account = new Entity("account") { ["name"] = name, ["emailaddress1"] = email };
        with?.Invoke(account);
        return _org.Service.Create(account);
    }
}
