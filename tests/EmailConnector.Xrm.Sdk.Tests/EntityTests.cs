using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Client;

namespace EmailConnector.Xrm.Sdk.Tests;

public class EntityTests
{
    private static readonly Guid ContactId = new("6f2d8a51-3c1e-4b7a-9d0e-2a4b6c8d0e1f");

    [Fact]
    public void Constructor_WithNameAndId_SetsBothAndEmptyCollections()
    {
        var entity = new Entity("contact", ContactId);

        Assert.Equal("contact", entity.LogicalName);
        Assert.Equal(ContactId, entity.Id);
        Assert.Empty(entity.Attributes);
        Assert.Empty(entity.FormattedValues);
        Assert.Empty(entity.RelatedEntities);
        Assert.Empty(entity.KeyAttributes);
        Assert.Null(entity.EntityState);
        Assert.Null(entity.RowVersion);
    }

    [Fact]
    public void Constructor_WithKeyNameAndValue_FillsKeyAttributesOnly()
    {
        var entity = new Entity("contact", "emailaddress1", "a@example.com");

        Assert.Equal("a@example.com", entity.KeyAttributes["emailaddress1"]);
        Assert.Empty(entity.Attributes);
        Assert.Equal(Guid.Empty, entity.Id);
    }

    [Fact]
    public void Constructor_WithKeyAttributeCollection_UsesThatCollection()
    {
        var keys = new KeyAttributeCollection { { "ec_externalid", "X-1" } };

        var entity = new Entity("contact", keys);

        Assert.Same(keys, entity.KeyAttributes);
    }

    [Fact]
    public void Indexer_SetThenGet_ReturnsValueThroughAttributes()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        Assert.Equal("Ada", entity["firstname"]);
        Assert.Equal("Ada", entity.Attributes["firstname"]);
    }

    [Fact]
    public void Indexer_MissingAttribute_ThrowsKeyNotFound()
    {
        var entity = new Entity("contact");

        Assert.Throws<KeyNotFoundException>(() => entity["firstname"]);
    }

    [Fact]
    public void Indexer_KeysAreCaseSensitive()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        Assert.False(entity.Contains("FirstName"));
        Assert.Throws<KeyNotFoundException>(() => entity["FirstName"]);
    }

    [Fact]
    public void GetAttributeValue_MissingAttribute_ReturnsDefault()
    {
        var entity = new Entity("contact");

        Assert.Null(entity.GetAttributeValue<string>("firstname"));
        Assert.Equal(0, entity.GetAttributeValue<int>("numberofchildren"));
        Assert.Null(entity.GetAttributeValue<int?>("numberofchildren"));
        Assert.Equal(Guid.Empty, entity.GetAttributeValue<Guid>("parentcustomerid"));
    }

    [Fact]
    public void GetAttributeValue_NullValue_ReturnsDefault()
    {
        var entity = new Entity("contact") { ["numberofchildren"] = null };

        Assert.Equal(0, entity.GetAttributeValue<int>("numberofchildren"));
        Assert.True(entity.Contains("numberofchildren"));
    }

    [Fact]
    public void GetAttributeValue_TypedValues_ReturnsThem()
    {
        var owner = new EntityReference("systemuser", ContactId);
        var entity = new Entity("contact")
        {
            ["numberofchildren"] = 2,
            ["donotbulkemail"] = true,
            ["statuscode"] = new OptionSetValue(1),
            ["creditlimit"] = new Money(12.5m),
            ["ownerid"] = owner,
        };

        Assert.Equal(2, entity.GetAttributeValue<int>("numberofchildren"));
        Assert.Equal(2, entity.GetAttributeValue<int?>("numberofchildren"));
        Assert.True(entity.GetAttributeValue<bool>("donotbulkemail"));
        Assert.Equal(1, entity.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.Equal(12.5m, entity.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Same(owner, entity.GetAttributeValue<EntityReference>("ownerid"));
    }

    [Fact]
    public void GetAttributeValue_WrongType_ThrowsInvalidCast()
    {
        var entity = new Entity("contact") { ["numberofchildren"] = 2 };

        Assert.Throws<InvalidCastException>(() => entity.GetAttributeValue<long>("numberofchildren"));
        Assert.Throws<InvalidCastException>(() => entity.GetAttributeValue<string>("numberofchildren"));
    }

    [Fact]
    public void GetAttributeValue_IsVirtual_SoEarlyBoundClassesCanOverride()
    {
        var entity = new ShoutingEntity { ["firstname"] = "ada" };

        Assert.Equal("ADA", entity.GetAttributeValue<string>("firstname"));
    }

    [Fact]
    public void Id_Set_DoesNotWritePrimaryAttribute()
    {
        var entity = new Entity("contact") { Id = ContactId };

        Assert.Equal(ContactId, entity.Id);
        Assert.False(entity.Contains("contactid"));
        Assert.Empty(entity.Attributes);
    }

    [Fact]
    public void SetAttributeValue_IsProtected_AndWritesAttributes()
    {
        var method = typeof(Entity).GetMethod("SetAttributeValue", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
        Assert.NotNull(method);
        Assert.True(method!.IsFamily);
        Assert.Null(typeof(Entity).GetMethod("SetAttributeValue"));

        var entity = new ShoutingEntity();
        entity.Set("lastname", "Lovelace");
        Assert.Equal("Lovelace", entity["lastname"]);
    }

    [Fact]
    public void GetFormattedAttributeValue_ReturnsFormattedValueOrNull()
    {
        var entity = new ShoutingEntity();
        entity.FormattedValues["statuscode"] = "Active";

        Assert.Equal("Active", entity.Formatted("statuscode"));
        Assert.Null(entity.Formatted("statecode"));
    }

    [Fact]
    public void ToEntityReference_CarriesLogicalNameIdAndRowVersionButNotKeys()
    {
        var entity = new Entity("contact", ContactId) { RowVersion = "12345" };
        entity.KeyAttributes["emailaddress1"] = "a@example.com";

        var reference = entity.ToEntityReference();

        Assert.Equal("contact", reference.LogicalName);
        Assert.Equal(ContactId, reference.Id);
        Assert.Equal("12345", reference.RowVersion);
        Assert.Empty(reference.KeyAttributes);
        Assert.Null(reference.Name);
    }

    [Fact]
    public void ToEntityReference_WithoutLogicalName_Throws()
    {
        var entity = new Entity { Id = ContactId };

        Assert.Throws<NotSupportedException>(() => entity.ToEntityReference());
    }

    [Fact]
    public void ToEntity_EarlyBoundType_SharesAttributesAndKeepsId()
    {
        var entity = new Entity("contact", ContactId) { ["firstname"] = "Ada" };

        var contact = entity.ToEntity<Contact>();

        Assert.Equal(ContactId, contact.Id);
        Assert.Equal("Ada", contact.FirstName);
        Assert.Same(entity.Attributes, contact.Attributes);
    }

    [Fact]
    public void ToEntity_OtherTable_Throws()
    {
        var entity = new Entity("account", ContactId);

        Assert.Throws<NotSupportedException>(() => entity.ToEntity<Contact>());
    }

    [Fact]
    public void ToEntity_PlainEntity_ReturnsNewInstanceWithSameData()
    {
        var entity = new Entity("contact", ContactId) { ["firstname"] = "Ada" };

        var copy = entity.ToEntity<Entity>();

        Assert.NotSame(entity, copy);
        Assert.Equal("contact", copy.LogicalName);
        Assert.Equal("Ada", copy["firstname"]);
    }

    [Fact]
    public void RelatedEntityHelpers_SetThenGet_UseRelationshipKey()
    {
        var entity = new ShoutingEntity();
        var account = new Entity("account", ContactId);

        entity.SetRelated("contact_customer_accounts", account);

        var key = new Relationship("contact_customer_accounts");
        Assert.True(entity.RelatedEntities.Contains(key));
        Assert.Equal("account", entity.RelatedEntities[key].EntityName);
        Assert.Same(account, entity.GetRelated("contact_customer_accounts"));

        entity.SetRelated("contact_customer_accounts", null);
        Assert.False(entity.RelatedEntities.Contains(key));
        Assert.Null(entity.GetRelated("contact_customer_accounts"));
    }

    [Fact]
    public void DataContractSerializer_RoundTrip_KeepsTypedAttributes()
    {
        var entity = new Entity("contact", ContactId)
        {
            ["firstname"] = "Ada",
            ["numberofchildren"] = 2,
            ["statuscode"] = new OptionSetValue(1),
            ["creditlimit"] = new Money(3m),
            ["parentcustomerid"] = new EntityReference("account", ContactId) { Name = "Contoso" },
        };
        entity.KeyAttributes["emailaddress1"] = "a@example.com";
        var serializer = new DataContractSerializer(typeof(Entity));
        using var stream = new MemoryStream();

        serializer.WriteObject(stream, entity);
        stream.Position = 0;
        var copy = (Entity)serializer.ReadObject(stream)!;

        Assert.Equal("contact", copy.LogicalName);
        Assert.Equal(ContactId, copy.Id);
        Assert.Equal("Ada", copy["firstname"]);
        Assert.Equal(2, copy["numberofchildren"]);
        Assert.Equal(new OptionSetValue(1), copy["statuscode"]);
        Assert.Equal(new Money(3m), copy["creditlimit"]);
        Assert.Equal("Contoso", copy.GetAttributeValue<EntityReference>("parentcustomerid").Name);
        Assert.Equal("a@example.com", copy.KeyAttributes["emailaddress1"]);
    }

    private sealed class ShoutingEntity : Entity
    {
        public ShoutingEntity()
            : base("contact")
        {
        }

        public override T GetAttributeValue<T>(string attributeLogicalName)
        {
            var value = base.GetAttributeValue<T>(attributeLogicalName);
            return value is string text ? (T)(object)text.ToUpperInvariant() : value;
        }

        public void Set(string name, object value) => SetAttributeValue(name, value);

        public string Formatted(string name) => GetFormattedAttributeValue(name);

        public void SetRelated(string schemaName, Entity? related) => SetRelatedEntity(schemaName, null, related);

        public Entity? GetRelated(string schemaName) => GetRelatedEntity<Entity>(schemaName, null);
    }

    [EntityLogicalName("contact")]
    private sealed class Contact : Entity
    {
        public Contact()
            : base("contact")
        {
        }

        public string FirstName => GetAttributeValue<string>("firstname");
    }
}
