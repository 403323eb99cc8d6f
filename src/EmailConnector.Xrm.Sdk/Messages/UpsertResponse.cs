using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class UpsertResponse : OrganizationResponse
{
    public UpsertResponse()
    {
    }

    public bool RecordCreated => GetResult<bool>("RecordCreated");

    public EntityReference Target => GetResult<EntityReference>("Target");
}
