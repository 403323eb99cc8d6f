using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "EntityReference", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class EntityReference : IExtensibleDataObject
{
    public EntityReference()
    {
        KeyAttributes = new KeyAttributeCollection();
    }

    public EntityReference(string logicalName)
        : this()
    {
        LogicalName = logicalName;
    }

    public EntityReference(string logicalName, Guid id)
        : this(logicalName)
    {
        Id = id;
    }

    public EntityReference(string logicalName, string keyName, object keyValue)
        : this(logicalName)
    {
        KeyAttributes[keyName] = keyValue;
    }

    public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
        : this(logicalName)
    {
        KeyAttributes = keyAttributeCollection;
    }

    [DataMember]
    public Guid Id { get; set; }

    [DataMember]
    public string LogicalName { get; set; }

    [DataMember]
    public string Name { get; set; }

    [DataMember]
    public KeyAttributeCollection KeyAttributes { get; set; }

    [DataMember]
    public string RowVersion { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    // Identity is the record: logical name and id. Name, keys and row version do not take part.
    public override bool Equals(object obj)
    {
        if (ReferenceEquals(this, obj))
            return true;
        return obj is EntityReference other
            && Id == other.Id
            && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal);
    }

    public override int GetHashCode()
    {
        return Id.GetHashCode() ^ (LogicalName == null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));
    }
}
