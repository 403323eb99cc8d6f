using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

[DataContract(Name = "QueryBase", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
[KnownType(typeof(FetchExpression))]
[KnownType(typeof(QueryByAttribute))]
[KnownType(typeof(QueryExpression))]
public abstract class QueryBase : IExtensibleDataObject
{
    protected QueryBase()
    {
    }

    public ExtensionDataObject ExtensionData { get; set; }

    // Internal and abstract so no type outside the SDK can derive from QueryBase, although the constructor is
    // protected (trap 6): services only understand the three query kinds below.
    internal abstract string QueryKind { get; }
}
