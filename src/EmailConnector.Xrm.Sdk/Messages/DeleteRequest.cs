using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class DeleteRequest : OrganizationRequest
{
    public DeleteRequest()
    {
        RequestName = "Delete";
        Target = null;
    }

    public EntityReference Target
    {
        get => GetParameter<EntityReference>("Target");
        set => SetParameter("Target", value);
    }

    public ConcurrencyBehavior ConcurrencyBehavior
    {
        get => GetParameter<ConcurrencyBehavior>("ConcurrencyBehavior");
        set => SetParameter("ConcurrencyBehavior", value);
    }
}
