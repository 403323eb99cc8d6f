using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class UpdateRequest : OrganizationRequest
{
    public UpdateRequest()
    {
        RequestName = "Update";
        Target = null;
    }

    public Entity Target
    {
        get => GetParameter<Entity>("Target");
        set => SetParameter("Target", value);
    }

    public ConcurrencyBehavior ConcurrencyBehavior
    {
        get => GetParameter<ConcurrencyBehavior>("ConcurrencyBehavior");
        set => SetParameter("ConcurrencyBehavior", value);
    }
}
