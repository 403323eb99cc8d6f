using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class RelationshipTests
{
    [Fact]
    public void Equals_ComparesSchemaNameAndRole()
    {
        Assert.Equal(new Relationship("listcontact_association"), new Relationship("listcontact_association"));
        Assert.NotEqual(new Relationship("a"), new Relationship("b"));
        Assert.NotEqual(
            new Relationship("account_parent_account") { PrimaryEntityRole = EntityRole.Referenced },
            new Relationship("account_parent_account") { PrimaryEntityRole = EntityRole.Referencing });
    }

    [Fact]
    public void ToString_IsSchemaName()
    {
        Assert.Equal("listcontact_association", new Relationship("listcontact_association").ToString());
    }
}
