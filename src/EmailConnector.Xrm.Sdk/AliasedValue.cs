using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>A column of a linked entity or an aggregate in a query result, keyed "alias.column" in Attributes.</summary>
[DataContract(Name = "AliasedValue", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
[KnownType("GetKnownAliasedValueTypes")]
public sealed class AliasedValue : IExtensibleDataObject
{
    public AliasedValue()
    {
    }

    public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
    {
        EntityLogicalName = entityLogicalName;
        AttributeLogicalName = attributeLogicalName;
        Value = value;
    }

    [DataMember]
    public string AttributeLogicalName { get; private set; }

    [DataMember]
    public string EntityLogicalName { get; private set; }

    [DataMember]
    public object Value { get; private set; }

    public ExtensionDataObject ExtensionData { get; set; }

    private static IEnumerable<Type> GetKnownAliasedValueTypes() => KnownParameterTypes.All;
}
