using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Lead;

public class LeadOnUpdatePostOperationTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Update_CompanyNameOfTransferredLead_QueuesUpdateRecipientForTheLead()
    {
        var id = _org.Lead("Doe");

        _org.Service.Update(new Entity("lead", id) { ["companyname"] = "Contoso" });

        var request = _org.SingleSyncRequest();
        Assert.Equal((int)SyncOperation.UpdateRecipient, request.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value);
        Assert.Equal("lead", request.GetAttributeValue<string>(SyncRequest.TargetTable));
        Assert.Equal("companyname", request.GetAttributeValue<string>(SyncRequest.ChangedColumns));
    }

    [Fact]
    public void Update_DoNotEmail_QueuesConsentChanged()
    {
        var id = _org.Lead("Doe");

        _org.Service.Update(new Entity("lead", id) { ["donotemail"] = true });

        Assert.Equal((int)SyncOperation.ConsentChanged, _org.SingleSyncRequest().GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value);
    }

    [Fact]
    public void Update_NewAddress_ResetsTheLeadsInvalidFlag()
    {
        var id = _org.Lead("Doe");
        _org.Organization.CreateService(PluginOrganization.ExpectedSystemUser).Update(new Entity("lead", id) { [RecipientColumns.EmailInvalid] = true });

        _org.Service.Update(new Entity("lead", id) { ["emailaddress1"] = "lee@new.example.com" });

        Assert.False(_org.Organization.Read("lead", id)!.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
    }
}
