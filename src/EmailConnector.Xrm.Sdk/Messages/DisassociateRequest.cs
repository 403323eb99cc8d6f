using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class DisassociateRequest : OrganizationRequest
{
    public DisassociateRequest()
    {
        RequestName = "Disassociate";
        Target = null;
        Relationship = null;
        RelatedEntities = null;
    }

    public EntityReference Target
    {
        get => GetParameter<EntityReference>("Target");
        set => SetParameter("Target", value);
    }

    public Relationship Relationship
    {
        get => GetParameter<Relationship>("Relationship");
        set => SetParameter("Relationship", value);
    }

    public EntityReferenceCollection RelatedEntities
    {
        get => GetParameter<EntityReferenceCollection>("RelatedEntities");
        set => SetParameter("RelatedEntities", value);
    }
}
