using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[CollectionDataContract(Name = "OrganizationRequestCollection", Namespace = "http://schemas.microsoft.com/xrm/2012/Contracts")]
[KnownType(typeof(EntityImageCollection))]
public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest>
{
    public OrganizationRequestCollection()
    {
    }
}
