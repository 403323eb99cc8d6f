using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class EntityCollectionTests
{
    [Fact]
    public void Defaults_AreEmptyFirstPage()
    {
        var collection = new EntityCollection();

        Assert.Empty(collection.Entities);
        Assert.False(collection.MoreRecords);
        Assert.Null(collection.PagingCookie);
        Assert.Equal(0, collection.TotalRecordCount);
        Assert.False(collection.TotalRecordCountLimitExceeded);
        Assert.Null(collection.EntityName);
    }

    [Fact]
    public void ListConstructorAndIndexer_ExposeTheEntities()
    {
        var first = new Entity("contact");
        var collection = new EntityCollection(new List<Entity> { first }) { EntityName = "contact" };

        Assert.Same(first, collection[0]);
        var second = new Entity("contact");
        collection[0] = second;
        Assert.Same(second, collection.Entities[0]);
    }
}
