using EmailConnector.Emulator.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class QueryProjectionTests
{
    private readonly QueryTestData _data = new();

    [Fact]
    public void Entity_HasRequestedColumnsAndId_NullsOmitted()
    {
        var id = _data.Contact(1, ("emailaddress1", "a@b.c"));
        var result = _data.Run(new QueryExpression("contact") { ColumnSet = new ColumnSet("emailaddress1", "numberofchildren") });
        var entity = Assert.Single(result.Entities);
        Assert.Equal(id, entity.Id);
        Assert.Equal("contact", entity.LogicalName);
        Assert.Equal(["contactid", "emailaddress1"], entity.Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("contact", result.EntityName);
    }

    [Fact]
    public void AllColumns_ReturnsEveryStoredValue()
    {
        _data.Contact(1, ("emailaddress1", "a@b.c"), ("numberofchildren", 2));
        var entity = _data.Run(new QueryExpression("contact") { ColumnSet = new ColumnSet(true) }).Entities[0];
        Assert.Equal(["contactid", "emailaddress1", "fullname", "numberofchildren"], entity.Attributes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Values_AreClonedAtTheBoundary()
    {
        var account = _data.Account(1, "Contoso");
        var id = _data.Contact(1, ("parentcustomerid", new EntityReference("account", account)), ("creditlimit", new Money(5m)));
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("parentcustomerid", "creditlimit") };
        var first = _data.Run(query).Entities[0];
        first.GetAttributeValue<EntityReference>("parentcustomerid").Id = Guid.NewGuid();
        first.GetAttributeValue<Money>("creditlimit").Value = 99m;
        var stored = _data.Contacts.Row(id);
        Assert.Equal(account, ((EntityReference)stored["parentcustomerid"]!).Id);
        Assert.Equal(5m, ((Money)stored["creditlimit"]!).Value);
    }
}
