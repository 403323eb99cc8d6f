using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class DisassociateRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var target = new EntityReference("list", Guid.Empty);
        var relationship = new Relationship("listcontact_association");
        var related = new EntityReferenceCollection { new("contact", Guid.Empty) };

        var request = new DisassociateRequest { Target = target, Relationship = relationship, RelatedEntities = related };

        Assert.Equal("Disassociate", request.RequestName);
        Assert.Same(target, request.Parameters["Target"]);
        Assert.Same(relationship, request.Parameters["Relationship"]);
        Assert.Same(related, request.Parameters["RelatedEntities"]);
    }
}
