using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class CreateResponse : OrganizationResponse
{
    public CreateResponse()
    {
    }

    // Lower-case, as the real result key and property are.
    public Guid id => GetResult<Guid>("id");
}
