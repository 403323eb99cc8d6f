using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "ExecuteMultipleResponseItem", Namespace = "http://schemas.microsoft.com/xrm/2012/Contracts")]
public sealed class ExecuteMultipleResponseItem : IExtensibleDataObject
{
    public ExecuteMultipleResponseItem()
    {
    }

    [DataMember]
    public int RequestIndex { get; set; }

    [DataMember]
    public OrganizationResponse Response { get; set; }

    [DataMember]
    public OrganizationServiceFault Fault { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
