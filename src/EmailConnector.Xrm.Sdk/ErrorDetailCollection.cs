using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[CollectionDataContract(Name = "ErrorDetailCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class ErrorDetailCollection : DataCollection<string, object>
{
    public ErrorDetailCollection()
    {
    }
}
