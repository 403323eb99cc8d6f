using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk;

[CollectionDataContract(Name = "RelationshipQueryCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class RelationshipQueryCollection : DataCollection<Relationship, QueryBase>
{
    public RelationshipQueryCollection()
    {
    }
}
