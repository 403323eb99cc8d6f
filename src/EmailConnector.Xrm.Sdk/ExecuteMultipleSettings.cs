using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "ExecuteMultipleSettings", Namespace = "http://schemas.microsoft.com/xrm/2012/Contracts")]
public sealed class ExecuteMultipleSettings : IExtensibleDataObject
{
    public ExecuteMultipleSettings()
    {
    }

    [DataMember]
    public bool ContinueOnError { get; set; }

    [DataMember]
    public bool ReturnResponses { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
