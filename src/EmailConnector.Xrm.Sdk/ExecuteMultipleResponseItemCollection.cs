using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

// The contract name really is OrganizationResponseCollection (2012 namespace), as in the real assembly.
[CollectionDataContract(Name = "OrganizationResponseCollection", Namespace = "http://schemas.microsoft.com/xrm/2012/Contracts")]
public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem>
{
    public ExecuteMultipleResponseItemCollection()
    {
    }
}
