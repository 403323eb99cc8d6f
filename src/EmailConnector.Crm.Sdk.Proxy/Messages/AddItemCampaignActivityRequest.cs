using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
public sealed class AddItemCampaignActivityRequest : OrganizationRequest
{
    public AddItemCampaignActivityRequest()
    {
        RequestName = "AddItemCampaignActivity";
        CampaignActivityId = Guid.Empty;
        ItemId = Guid.Empty;
        EntityName = null;
    }

    public Guid CampaignActivityId
    {
        get => this.Get<Guid>("CampaignActivityId");
        set => this.Set("CampaignActivityId", value);
    }

    public Guid ItemId
    {
        get => this.Get<Guid>("ItemId");
        set => this.Set("ItemId", value);
    }

    public string EntityName
    {
        get => this.Get<string>("EntityName");
        set => this.Set("EntityName", value);
    }
}
