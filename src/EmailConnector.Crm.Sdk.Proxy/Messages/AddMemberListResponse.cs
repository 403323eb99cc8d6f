using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
public sealed class AddMemberListResponse : OrganizationResponse
{
    public AddMemberListResponse()
    {
    }

    // The id of the listmember row that links the member to the list.
    public Guid Id => this.Get<Guid>("Id");
}
