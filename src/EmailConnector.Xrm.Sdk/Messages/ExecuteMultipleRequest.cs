using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class ExecuteMultipleRequest : OrganizationRequest
{
    public ExecuteMultipleRequest()
    {
        RequestName = "ExecuteMultiple";
        Requests = null;
        Settings = null;
    }

    public OrganizationRequestCollection Requests
    {
        get => GetParameter<OrganizationRequestCollection>("Requests");
        set => SetParameter("Requests", value);
    }

    public ExecuteMultipleSettings Settings
    {
        get => GetParameter<ExecuteMultipleSettings>("Settings");
        set => SetParameter("Settings", value);
    }
}
