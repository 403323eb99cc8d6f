using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "ExecuteTransactionFault", Namespace = "http://schemas.microsoft.com/xrm/7.1/Contracts")]
public sealed class ExecuteTransactionFault : OrganizationServiceFault
{
    public ExecuteTransactionFault()
    {
    }

    [DataMember]
    public int FaultedRequestIndex { get; set; }
}
