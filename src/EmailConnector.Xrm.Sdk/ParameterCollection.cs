using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[CollectionDataContract(Name = "ParameterCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
[KnownType("GetKnownParameterTypes")]
public class ParameterCollection : DataCollection<string, object>
{
    public ParameterCollection()
    {
    }

    protected ParameterCollection(IDictionary<string, object> collection)
        : base(collection)
    {
    }

    private static IEnumerable<Type> GetKnownParameterTypes() => KnownParameterTypes.All;
}
