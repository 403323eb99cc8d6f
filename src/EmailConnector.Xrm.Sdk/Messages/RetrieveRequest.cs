using Microsoft.Xrm.Sdk.Query;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class RetrieveRequest : OrganizationRequest
{
    public RetrieveRequest()
    {
        RequestName = "Retrieve";
        Target = null;
        ColumnSet = null;
    }

    public EntityReference Target
    {
        get => GetParameter<EntityReference>("Target");
        set => SetParameter("Target", value);
    }

    public ColumnSet ColumnSet
    {
        get => GetParameter<ColumnSet>("ColumnSet");
        set => SetParameter("ColumnSet", value);
    }

    public RelationshipQueryCollection RelatedEntitiesQuery
    {
        get => GetParameter<RelationshipQueryCollection>("RelatedEntitiesQuery");
        set => SetParameter("RelatedEntitiesQuery", value);
    }

    public bool ReturnNotifications
    {
        get => GetParameter<bool>("ReturnNotifications");
        set => SetParameter("ReturnNotifications", value);
    }
}
