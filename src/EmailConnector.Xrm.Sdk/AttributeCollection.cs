using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[CollectionDataContract(Name = "AttributeCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
[KnownType("GetKnownParameterTypes")]
public sealed class AttributeCollection : DataCollection<string, object>
{
    public AttributeCollection()
    {
    }

    private static IEnumerable<Type> GetKnownParameterTypes() => KnownParameterTypes.All;
}
