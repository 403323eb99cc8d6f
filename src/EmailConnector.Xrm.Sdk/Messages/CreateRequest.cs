using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class CreateRequest : OrganizationRequest
{
    // Required parameters are present (as null) from construction on, as in the real message classes.
    public CreateRequest()
    {
        RequestName = "Create";
        Target = null;
    }

    public Entity Target
    {
        get => GetParameter<Entity>("Target");
        set => SetParameter("Target", value);
    }
}
