using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
public sealed class RemoveMemberListRequest : OrganizationRequest
{
    public RemoveMemberListRequest()
    {
        RequestName = "RemoveMemberList";
        ListId = Guid.Empty;
        EntityId = Guid.Empty;
    }

    public Guid ListId
    {
        get => this.Get<Guid>("ListId");
        set => this.Set("ListId", value);
    }

    public Guid EntityId
    {
        get => this.Get<Guid>("EntityId");
        set => this.Set("EntityId", value);
    }
}
