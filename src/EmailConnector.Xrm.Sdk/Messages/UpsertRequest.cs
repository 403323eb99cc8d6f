using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class UpsertRequest : OrganizationRequest
{
    public UpsertRequest()
    {
        RequestName = "Upsert";
        Target = null;
    }

    public Entity Target
    {
        get => GetParameter<Entity>("Target");
        set => SetParameter("Target", value);
    }
}
