using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Contact;

public class ContactOnDeletePostOperationTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Delete_TransferredContact_QueuesEraseWithTheRecordIdOnly()
    {
        var id = _org.Contact("Doe");

        _org.Service.Delete("contact", id);

        var request = _org.SingleSyncRequest();
        Assert.Equal((int)SyncOperation.Erase, request.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value);
        Assert.Equal("contact", request.GetAttributeValue<string>(SyncRequest.TargetTable));
        Assert.Equal(id.ToString("D"), request.GetAttributeValue<string>(SyncRequest.TargetId));
        Assert.Equal("{\"syncStatus\":183500002}", request.GetAttributeValue<string>(SyncRequest.Parameters));
        Assert.Null(request.GetAttributeValue<string>(SyncRequest.ChangedColumns));
        Assert.DoesNotContain(request.Attributes.Values, v => v is string s && (s.Contains("Doe", StringComparison.Ordinal) || s.Contains('@')));
        Assert.Null(_org.Organization.Read("contact", id));
    }

    [Fact]
    public void Delete_ContactNeverTransferred_StillQueuesErase()
    {
        var id = _org.Contact("Doe", transferred: false);

        _org.Service.Delete("contact", id);

        Assert.Equal("{\"syncStatus\":183500000}", _org.SingleSyncRequest().GetAttributeValue<string>(SyncRequest.Parameters));
    }
}
