using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class DataCollectionOfKeyValueTests
{
    [Fact]
    public void Indexer_SetAddsAndReplaces()
    {
        var collection = new ParameterCollection();

        collection["Target"] = 1;
        collection["Target"] = 2;

        Assert.Single(collection);
        Assert.Equal(2, collection["Target"]);
    }

    [Fact]
    public void Indexer_MissingKey_ThrowsKeyNotFound()
    {
        var collection = new ParameterCollection();

        Assert.Throws<KeyNotFoundException>(() => collection["Target"]);
    }

    [Fact]
    public void Add_DuplicateKey_Throws()
    {
        var collection = new AttributeCollection { { "name", "a" } };

        Assert.Throws<ArgumentException>(() => collection.Add("name", "b"));
    }

    [Fact]
    public void AddRange_AddsEveryPair_AndIgnoresNull()
    {
        var collection = new AttributeCollection();

        collection.AddRange(new KeyValuePair<string, object>("a", 1), new KeyValuePair<string, object>("b", 2));
        collection.AddRange((IEnumerable<KeyValuePair<string, object>>)null!);

        Assert.Equal(2, collection.Count);
        Assert.Equal(new[] { "a", "b" }, collection.Keys.OrderBy(k => k));
        Assert.Equal(new object[] { 1, 2 }, collection.Values.OrderBy(v => v));
    }

    [Fact]
    public void ContainsAndTryGetValue_ReflectContent()
    {
        var collection = new FormattedValueCollection { { "statuscode", "Active" } };

        Assert.True(collection.Contains("statuscode"));
        Assert.True(collection.ContainsKey("statuscode"));
        Assert.True(collection.Contains(new KeyValuePair<string, string>("statuscode", "Active")));
        Assert.False(collection.Contains(new KeyValuePair<string, string>("statuscode", "Inactive")));
        Assert.True(collection.TryGetValue("statuscode", out var value));
        Assert.Equal("Active", value);
        Assert.False(collection.TryGetValue("statecode", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public void Remove_ByKeyAndByPair_RemovesOnlyMatches()
    {
        var collection = new KeyAttributeCollection { { "a", 1 }, { "b", 2 } };

        Assert.True(collection.Remove("a"));
        Assert.False(collection.Remove("a"));
        Assert.False(collection.Remove(new KeyValuePair<string, object>("b", 3)));
        Assert.True(collection.Remove(new KeyValuePair<string, object>("b", 2)));
        Assert.Empty(collection);
    }

    [Fact]
    public void ClearAndCopyTo_Work()
    {
        var collection = new ErrorDetailCollection { { "a", 1 } };
        var array = new KeyValuePair<string, object>[2];

        collection.CopyTo(array, 1);
        collection.Clear();

        Assert.Equal("a", array[1].Key);
        Assert.Empty(collection);
    }

    [Fact]
    public void Enumeration_YieldsPairs()
    {
        var images = new EntityImageCollection { { "PreImage", new Entity("contact") } };

        var pair = Assert.Single(images);
        Assert.Equal("PreImage", pair.Key);
        Assert.Equal("contact", pair.Value.LogicalName);
    }

    [Fact]
    public void ProtectedDictionaryConstructor_UsesGivenDictionary()
    {
        var backing = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        var collection = new CaseInsensitiveParameters(backing);

        collection["Target"] = 1;

        Assert.True(collection.Contains("TARGET"));
        Assert.Same(collection["target"], backing["Target"]);
    }

    [Fact]
    public void ReadOnlyDerivedCollection_RejectsChanges()
    {
        var collection = new ReadOnlyCollection();

        Assert.Throws<InvalidOperationException>(() => collection.Add("a", 1));
        Assert.Throws<InvalidOperationException>(() => collection["a"] = 1);
        Assert.Throws<InvalidOperationException>(() => collection.Remove("a"));
        Assert.Throws<InvalidOperationException>(() => collection.Clear());
    }

    [Fact]
    public void RelatedEntityCollection_IsWritable()
    {
        var collection = new RelatedEntityCollection();

        collection[new Relationship("contact_accounts")] = new EntityCollection();

        Assert.False(collection.IsReadOnly);
        Assert.True(collection.Contains(new Relationship("contact_accounts")));
    }

    private sealed class CaseInsensitiveParameters : ParameterCollection
    {
        public CaseInsensitiveParameters(IDictionary<string, object> backing)
            : base(backing)
        {
        }
    }

    private sealed class ReadOnlyCollection : DataCollection<string, int>
    {
        public override bool IsReadOnly => true;
    }
}
