using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

/// <summary>Paging of a query. Count 0 and PageNumber 0 (the defaults) mean "first page, server default size".</summary>
[DataContract(Name = "PagingInfo", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class PagingInfo : IExtensibleDataObject
{
    public PagingInfo()
    {
    }

    [DataMember]
    public int PageNumber { get; set; }

    [DataMember]
    public int Count { get; set; }

    [DataMember]
    public string PagingCookie { get; set; }

    [DataMember]
    public bool ReturnTotalRecordCount { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
