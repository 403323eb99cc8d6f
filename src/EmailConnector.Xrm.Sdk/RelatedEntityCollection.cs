using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[CollectionDataContract(Name = "RelatedEntityCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
{
    public RelatedEntityCollection()
    {
    }

    // The real SDK locks this collection only for entities tracked by an OrganizationServiceContext, which we do not
    // ship; every RelatedEntityCollection here is writable.
    public override bool IsReadOnly => false;
}
