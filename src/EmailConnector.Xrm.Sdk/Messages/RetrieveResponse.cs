using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class RetrieveResponse : OrganizationResponse
{
    public RetrieveResponse()
    {
    }

    public Entity Entity => GetResult<Entity>("Entity");

    public object Notifications => GetResult<object>("Notifications");
}
