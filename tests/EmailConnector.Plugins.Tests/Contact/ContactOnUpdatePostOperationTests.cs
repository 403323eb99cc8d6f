using System.ServiceModel;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Plugins.Contact;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Contact;

public class ContactOnUpdatePostOperationTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Update_LastNameOfTransferredContact_QueuesOnePendingUpdateRecipient()
    {
        var id = _org.Contact("Doe");

        _org.Service.Update(new Entity("contact", id) { ["lastname"] = "Doe-Smith" });

        var request = _org.SingleSyncRequest();
        Assert.Equal((int)SyncOperation.UpdateRecipient, request.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value);
        Assert.Equal((int)QueueState.Pending, request.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal("contact", request.GetAttributeValue<string>(SyncRequest.TargetTable));
        Assert.Equal(id.ToString("D"), request.GetAttributeValue<string>(SyncRequest.TargetId));
        Assert.Equal("lastname", request.GetAttributeValue<string>(SyncRequest.ChangedColumns));
        Assert.Equal($"updaterecipient:contact:{id:D}:pending", request.GetAttributeValue<string>(SyncRequest.DedupeKey));
        Assert.Equal(0, request.GetAttributeValue<int>(SyncRequest.Attempts));
        Assert.True(Guid.TryParse(request.GetAttributeValue<string>(SyncRequest.CorrelationId), out _));
        Assert.Null(request.GetAttributeValue<string>(SyncRequest.Parameters));
    }

    [Fact]
    public void Update_SecondChangeWhilePending_CoalescesIntoTheSameRowWithMergedColumnNames()
    {
        var id = _org.Contact("Doe");
        _org.Service.Update(new Entity("contact", id) { ["lastname"] = "Doe-Smith" });
        var first = _org.SingleSyncRequest();

        _org.Service.Update(new Entity("contact", id) { ["firstname"] = "Janet", ["lastname"] = "Smith" });

        var request = _org.SingleSyncRequest();
        Assert.Equal(first.Id, request.Id);
        Assert.Equal("firstname,lastname", request.GetAttributeValue<string>(SyncRequest.ChangedColumns));
        Assert.NotEqual(first.GetAttributeValue<string>(SyncRequest.CorrelationId), request.GetAttributeValue<string>(SyncRequest.CorrelationId));
    }

    [Fact]
    public void Update_AfterTheWorkerClaimedThePendingRow_StartsANewRow()
    {
        var id = _org.Contact("Doe");
        _org.Service.Update(new Entity("contact", id) { ["lastname"] = "Doe-Smith" });
        var claimed = _org.SingleSyncRequest();
        _org.Service.Update(new Entity(SyncRequest.EntityName, claimed.Id)
        {
            [SyncRequest.DedupeKey] = DedupeKeys.Claimed(claimed.GetAttributeValue<string>(SyncRequest.DedupeKey), claimed.Id),
            [SyncRequest.QueueState] = new OptionSetValue((int)QueueState.InProgress),
        });

        _org.Service.Update(new Entity("contact", id) { ["firstname"] = "Janet" });

        var rows = _org.SyncRequests();
        Assert.Equal(2, rows.Count);
        var fresh = Assert.Single(rows, r => r.Id != claimed.Id);
        Assert.Equal("firstname", fresh.GetAttributeValue<string>(SyncRequest.ChangedColumns));
        Assert.EndsWith(":pending", fresh.GetAttributeValue<string>(SyncRequest.DedupeKey), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_OnlyAColumnThePlatformDoesNotGet_QueuesNothing()
    {
        var id = _org.Contact("Doe");

        _org.Service.Update(new Entity("contact", id) { ["preferredcontactmethodcode"] = new OptionSetValue(3) });

        Assert.Empty(_org.SyncRequests());
        Assert.DoesNotContain(_org.Organization.Log.Steps, s => s.PluginTypeName == typeof(ContactOnUpdatePostOperation).FullName);
    }

    [Fact]
    public void Update_SameValueAgain_QueuesNothing()
    {
        var id = _org.Contact("Doe");

        _org.Service.Update(new Entity("contact", id) { ["lastname"] = "Doe", ["emailaddress1"] = "JANE.DOE@example.com " });

        Assert.Empty(_org.SyncRequests());
    }

    [Fact]
    public void Update_ContactNeverTransferred_QueuesNothing()
    {
        var id = _org.Contact("Doe", transferred: false);

        _org.Service.Update(new Entity("contact", id) { ["lastname"] = "Doe-Smith" });

        Assert.Empty(_org.SyncRequests());
    }

    [Fact]
    public void Update_ConsentAndName_QueuesConsentChangedAndUpdateRecipientSeparately()
    {
        var id = _org.Contact("Doe");

        _org.Service.Update(new Entity("contact", id) { ["donotbulkemail"] = true, ["lastname"] = "Smith" });

        var rows = _org.SyncRequests();
        Assert.Equal(2, rows.Count);
        var consent = Assert.Single(rows, r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.ConsentChanged);
        Assert.Equal("donotbulkemail", consent.GetAttributeValue<string>(SyncRequest.ChangedColumns));
        var update = Assert.Single(rows, r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.UpdateRecipient);
        Assert.Equal("lastname", update.GetAttributeValue<string>(SyncRequest.ChangedColumns));
    }

    [Fact]
    public void Update_OptOutTaggedAsFromThePlatform_QueuesNoConsentChanged()
    {
        var id = _org.Contact("Doe");

        _org.Service.Execute(new Microsoft.Xrm.Sdk.Messages.UpdateRequest
        {
            Target = new Entity("contact", id) { ["donotbulkemail"] = true },
            ["tag"] = WriteTags.OptOutFromPlatform,
        });

        Assert.Empty(_org.SyncRequests());
    }

    [Fact]
    public void UpdateMultiple_OptOutsTaggedAsFromThePlatform_QueueNoConsentChangedButOtherTagsDo()
    {
        var tagged = _org.Contact("Doe");
        var other = _org.Contact("Roe");

        _org.Service.Execute(new OrganizationRequest("UpdateMultiple")
        {
            ["Targets"] = new EntityCollection([new Entity("contact", tagged) { ["donotbulkemail"] = true }]) { EntityName = "contact" },
            ["tag"] = WriteTags.OptOutFromPlatform,
        });
        _org.Service.Execute(new OrganizationRequest("UpdateMultiple")
        {
            ["Targets"] = new EntityCollection([new Entity("contact", other) { ["donotbulkemail"] = true }]) { EntityName = "contact" },
            ["tag"] = "SomeIntegration",
        });

        var request = _org.SingleSyncRequest();
        Assert.Equal((int)SyncOperation.ConsentChanged, request.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value);
        Assert.Equal(other.ToString("D"), request.GetAttributeValue<string>(SyncRequest.TargetId));
    }

    [Fact]
    public void Update_EmailAddress_QueuesUpdateRecipientNamingTheColumnNotTheAddress()
    {
        var id = _org.Contact("Doe");

        _org.Service.Update(new Entity("contact", id) { ["emailaddress1"] = "jane.smith@example.org" });

        var request = _org.SingleSyncRequest();
        Assert.Equal("emailaddress1", request.GetAttributeValue<string>(SyncRequest.ChangedColumns));
        Assert.DoesNotContain(request.Attributes.Values, v => v is string s && s.Contains("example.org", StringComparison.Ordinal));
        Assert.DoesNotContain(_org.Organization.Log.Traces, t => t.Message.Contains("example.org", StringComparison.Ordinal));
        Assert.Contains(_org.Organization.Log.Traces, t => t.Message.Contains("columns emailaddress1", StringComparison.Ordinal)
            && t.Message.Contains(request.GetAttributeValue<string>(SyncRequest.CorrelationId), StringComparison.Ordinal));
    }

    [Fact]
    public void Update_ALaterStepFails_RollsBackTheUsersChangeAndTheQueueRow()
    {
        var id = _org.Contact("Doe");
        _org.Organization.RegisterStep(new PluginStep("Update", "contact", PipelineStage.PostOperation, (_, _) => new FailingStep()) { Rank = 2, Name = "FailingStep" });

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.Service.Update(new Entity("contact", id) { ["lastname"] = "Doe-Smith" }));

        Assert.Equal(FailingStep.Message, fault.Detail.Message);
        Assert.Equal("Doe", _org.Organization.Read("contact", id)!.GetAttributeValue<string>("lastname"));
        Assert.Empty(_org.SyncRequests());
        Assert.Contains(_org.Organization.Log.Steps, s => s.PluginTypeName == typeof(ContactOnUpdatePostOperation).FullName);
    }

    public sealed class FailingStep : IPlugin
    {
        public const string Message = "Another customization refused the change.";

        public void Execute(IServiceProvider serviceProvider) => throw new InvalidPluginExecutionException(Message);
    }
}
