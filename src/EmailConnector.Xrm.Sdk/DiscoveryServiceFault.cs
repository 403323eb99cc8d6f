using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

// Present because BaseServiceFault names it as a known type; the discovery service itself is not implemented.
[DataContract(Name = "DiscoveryServiceFault", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class DiscoveryServiceFault : BaseServiceFault
{
    public DiscoveryServiceFault()
    {
    }

    [DataMember]
    public DiscoveryServiceFault InnerFault { get; set; }
}
