using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class RetrieveRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var target = new EntityReference("contact", Guid.Empty);
        var columns = new ColumnSet("firstname");
        var related = new RelationshipQueryCollection();

        var request = new RetrieveRequest { Target = target, ColumnSet = columns, RelatedEntitiesQuery = related, ReturnNotifications = true };

        Assert.Equal("Retrieve", request.RequestName);
        Assert.Same(target, request.Parameters["Target"]);
        Assert.Same(columns, request.Parameters["ColumnSet"]);
        Assert.Same(related, request.Parameters["RelatedEntitiesQuery"]);
        Assert.Equal(true, request.Parameters["ReturnNotifications"]);
    }

    [Fact]
    public void Constructor_DeclaresOnlyRequiredParameters()
    {
        var request = new RetrieveRequest();

        Assert.Equal(new[] { "ColumnSet", "Target" }, request.Parameters.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Null(request.RelatedEntitiesQuery);
        Assert.False(request.ReturnNotifications);
    }
}
