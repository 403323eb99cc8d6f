using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "BaseServiceFault", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
[KnownType(typeof(DiscoveryServiceFault))]
[KnownType(typeof(ExecuteTransactionFault))]
[KnownType(typeof(OrganizationServiceFault))]
public abstract class BaseServiceFault : IExtensibleDataObject
{
    protected BaseServiceFault()
    {
        ErrorDetails = new ErrorDetailCollection();
    }

    [DataMember]
    public Guid ActivityId { get; set; }

    [DataMember]
    public int ErrorCode { get; set; }

    [DataMember]
    public ErrorDetailCollection ErrorDetails { get; set; }

    [DataMember]
    public string Message { get; set; }

    // Left at default(DateTime) until the service that raises the fault stamps it with its own clock.
    [DataMember]
    public DateTime Timestamp { get; set; }

    [DataMember]
    public string HelpLink { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
