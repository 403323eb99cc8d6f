using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class ExecuteMultipleResponse : OrganizationResponse
{
    public ExecuteMultipleResponse()
    {
    }

    public ExecuteMultipleResponseItemCollection Responses => GetResult<ExecuteMultipleResponseItemCollection>("Responses");

    public bool IsFaulted => GetResult<bool>("IsFaulted");
}
