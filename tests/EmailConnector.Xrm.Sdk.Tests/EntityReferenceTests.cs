using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class EntityReferenceTests
{
    private static readonly Guid AccountId = new("0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0");

    [Fact]
    public void Constructor_WithId_SetsNameAndIdAndEmptyKeys()
    {
        var reference = new EntityReference("account", AccountId);

        Assert.Equal("account", reference.LogicalName);
        Assert.Equal(AccountId, reference.Id);
        Assert.NotNull(reference.KeyAttributes);
        Assert.Empty(reference.KeyAttributes);
    }

    [Fact]
    public void Constructor_WithKeyNameAndValue_FillsKeyAttributes()
    {
        var reference = new EntityReference("account", "accountnumber", "A-100");

        Assert.Equal(Guid.Empty, reference.Id);
        Assert.Equal("A-100", reference.KeyAttributes["accountnumber"]);
    }

    [Fact]
    public void Constructor_WithKeyAttributeCollection_UsesThatCollection()
    {
        var keys = new KeyAttributeCollection { { "accountnumber", "A-100" }, { "name", "Contoso" } };

        var reference = new EntityReference("account", keys);

        Assert.Same(keys, reference.KeyAttributes);
        Assert.Equal(2, reference.KeyAttributes.Count);
    }

    [Fact]
    public void Equals_SameLogicalNameAndId_IgnoresNameAndRowVersion()
    {
        var left = new EntityReference("account", AccountId) { Name = "Contoso", RowVersion = "1" };
        var right = new EntityReference("account", AccountId) { Name = "Other", RowVersion = "2" };

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentIdOrLogicalName_IsFalse()
    {
        var reference = new EntityReference("account", AccountId);

        Assert.NotEqual(reference, new EntityReference("account", Guid.NewGuid()));
        Assert.NotEqual(reference, new EntityReference("contact", AccountId));
        Assert.NotEqual(reference, new EntityReference("Account", AccountId));
        Assert.False(reference.Equals(null));
    }
}
