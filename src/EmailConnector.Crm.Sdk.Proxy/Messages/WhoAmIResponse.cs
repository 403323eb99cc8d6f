using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
public sealed class WhoAmIResponse : OrganizationResponse
{
    public WhoAmIResponse()
    {
    }

    public Guid UserId => this.Get<Guid>("UserId");

    public Guid BusinessUnitId => this.Get<Guid>("BusinessUnitId");

    public Guid OrganizationId => this.Get<Guid>("OrganizationId");
}
