using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "EntityCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class EntityCollection : IExtensibleDataObject
{
    public EntityCollection()
    {
        Entities = new DataCollection<Entity>();
    }

    // Wraps the given list (no copy), as the real constructor does.
    public EntityCollection(IList<Entity> list)
    {
        Entities = new DataCollection<Entity>(list);
    }

    [DataMember]
    public DataCollection<Entity> Entities { get; private set; }

    public Entity this[int index]
    {
        get => Entities[index];
        set => Entities[index] = value;
    }

    [DataMember]
    public string EntityName { get; set; }

    [DataMember]
    public bool MoreRecords { get; set; }

    [DataMember]
    public string PagingCookie { get; set; }

    [DataMember]
    public string MinActiveRowVersion { get; set; }

    [DataMember]
    public int TotalRecordCount { get; set; }

    [DataMember]
    public bool TotalRecordCountLimitExceeded { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
