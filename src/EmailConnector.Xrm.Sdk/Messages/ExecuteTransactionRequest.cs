using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class ExecuteTransactionRequest : OrganizationRequest
{
    public ExecuteTransactionRequest()
    {
        RequestName = "ExecuteTransaction";
        Requests = null;
    }

    public OrganizationRequestCollection Requests
    {
        get => GetParameter<OrganizationRequestCollection>("Requests");
        set => SetParameter("Requests", value);
    }

    public bool? ReturnResponses
    {
        get => GetParameter<bool?>("ReturnResponses");
        set => SetParameter("ReturnResponses", value);
    }
}
