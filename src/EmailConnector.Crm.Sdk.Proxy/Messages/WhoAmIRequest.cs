using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
public sealed class WhoAmIRequest : OrganizationRequest
{
    public WhoAmIRequest()
    {
        RequestName = "WhoAmI";
    }
}
