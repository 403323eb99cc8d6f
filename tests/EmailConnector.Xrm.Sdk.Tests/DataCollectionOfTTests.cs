using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class DataCollectionOfTTests
{
    [Fact]
    public void Constructors_AreNotPublic()
    {
        Assert.Empty(typeof(DataCollection<string>).GetConstructors());
    }

    [Fact]
    public void AddRange_ParamsAndEnumerable_AppendInOrder()
    {
        var collection = new OptionSetValueCollection();

        collection.AddRange(new OptionSetValue(1), new OptionSetValue(2));
        collection.AddRange(new List<OptionSetValue> { new(3) });
        collection.AddRange((OptionSetValue[])null!);

        Assert.Equal(new[] { 1, 2, 3 }, collection.Select(o => o.Value));
    }

    [Fact]
    public void ToArray_CopiesItems()
    {
        var collection = new EntityReferenceCollection { new("contact", Guid.Empty) };

        var array = collection.ToArray();
        collection.Clear();

        Assert.Single(array);
        Assert.Equal("contact", array[0].LogicalName);
    }

    [Fact]
    public void ListConstructor_WrapsTheList()
    {
        var list = new List<OptionSetValue> { new(1) };

        var collection = new OptionSetValueCollection(list);
        collection.Add(new OptionSetValue(2));

        Assert.Equal(2, list.Count);
    }
}
