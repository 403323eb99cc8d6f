using EmailConnector.Plugins.Recipients;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Recipients;

public class RecipientRulesTests
{
    [Fact]
    public void ChangedMappedColumns_AddressInOtherCaseAndTelephone_AreNoChange()
    {
        var image = new Entity("contact") { ["emailaddress1"] = "jane@example.com", ["lastname"] = "Doe" };
        var target = new Entity("contact") { ["emailaddress1"] = " JANE@example.com", ["telephone1"] = "555", ["lastname"] = "Roe" };

        Assert.Equal(["lastname"], RecipientRules.Contact.ChangedMappedColumns(target, image));
    }

    [Fact]
    public void ChangedConsentColumns_DoNotBulkEmailSet_IsReported()
    {
        var changed = RecipientRules.ChangedConsentColumns(new Entity("lead") { ["donotbulkemail"] = true }, new Entity("lead") { ["donotbulkemail"] = false });

        Assert.Equal(["donotbulkemail"], changed);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData((int)SyncStatus.NotSynced, false)]
    [InlineData((int)SyncStatus.Pending, true)]
    [InlineData((int)SyncStatus.Synced, true)]
    [InlineData((int)SyncStatus.Error, true)]
    public void IsKnownToPlatform_BySyncStatus(int? status, bool known)
    {
        var image = new Entity("contact");
        if (status is int value)
            image[RecipientColumns.SyncStatus] = new OptionSetValue(value);

        Assert.Equal(known, RecipientRules.IsKnownToPlatform(image));
    }

    [Fact]
    public void ResetBounceState_Target_ClearsEveryBounceColumn()
    {
        var target = new Entity("contact");

        RecipientRules.ResetBounceState(target);

        Assert.Equal(RecipientRules.BounceColumns.Order(), target.Attributes.Keys.Order());
        Assert.Equal(false, target[RecipientColumns.EmailInvalid]);
        Assert.Null(target[RecipientColumns.BounceCategory]);
    }
}
