using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[CollectionDataContract(Name = "EntityImageCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public class EntityImageCollection : DataCollection<string, Entity>
{
    public EntityImageCollection()
    {
    }

    protected EntityImageCollection(IDictionary<string, Entity> collection)
        : base(collection)
    {
    }
}
