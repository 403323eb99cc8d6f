using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
public sealed class AddListMembersListRequest : OrganizationRequest
{
    public AddListMembersListRequest()
    {
        RequestName = "AddListMembersList";
        ListId = Guid.Empty;
        MemberIds = null;
    }

    public Guid ListId
    {
        get => this.Get<Guid>("ListId");
        set => this.Set("ListId", value);
    }

    public Guid[] MemberIds
    {
        get => this.Get<Guid[]>("MemberIds");
        set => this.Set("MemberIds", value);
    }
}
