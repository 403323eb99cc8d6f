using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Client;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "Entity", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public class Entity : IExtensibleDataObject
{
    private Guid _id;

    public Entity()
        : this((string)null)
    {
    }

    public Entity(string entityName)
    {
        LogicalName = entityName;
        Attributes = new AttributeCollection();
        FormattedValues = new FormattedValueCollection();
        RelatedEntities = new RelatedEntityCollection();
        KeyAttributes = new KeyAttributeCollection();
    }

    public Entity(string entityName, Guid id)
        : this(entityName)
    {
        _id = id;
    }

    public Entity(string entityName, string keyName, object keyValue)
        : this(entityName)
    {
        KeyAttributes[keyName] = keyValue;
    }

    public Entity(string entityName, KeyAttributeCollection keyAttributes)
        : this(entityName)
    {
        KeyAttributes = keyAttributes;
    }

    [DataMember]
    public string LogicalName { get; set; }

    // Separate from the primary-key attribute: setting Id never writes e.g. "contactid" into Attributes.
    [DataMember]
    public virtual Guid Id
    {
        get => _id;
        set => _id = value;
    }

    [DataMember]
    public AttributeCollection Attributes { get; set; }

    [DataMember]
    public EntityState? EntityState { get; set; }

    [DataMember]
    public FormattedValueCollection FormattedValues { get; private set; }

    [DataMember]
    public RelatedEntityCollection RelatedEntities { get; private set; }

    [DataMember]
    public string RowVersion { get; set; }

    [DataMember]
    public KeyAttributeCollection KeyAttributes { get; set; }

    public bool HasLazyFileAttribute { get; set; }

    public string LazyFileAttributeKey { get; set; }

    public Lazy<object> LazyFileAttributeValue { get; set; }

    public string LazyFileSizeAttributeKey { get; set; }

    public int LazyFileSizeAttributeValue { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    // Throws KeyNotFoundException for a missing attribute, like the real indexer.
    public object this[string attributeName]
    {
        get => Attributes[attributeName];
        set => Attributes[attributeName] = value;
    }

    public bool Contains(string attributeName) => Attributes.Contains(attributeName);

    public virtual T GetAttributeValue<T>(string attributeLogicalName)
    {
        // A missing attribute and a null value both give default(T); anything else is a plain cast, so a wrong T
        // throws InvalidCastException as in the real SDK.
        if (!Attributes.TryGetValue(attributeLogicalName, out var value) || value == null)
            return default;
        return (T)value;
    }

    public EntityReference ToEntityReference()
    {
        if (string.IsNullOrWhiteSpace(LogicalName))
            throw new NotSupportedException("LogicalName must be set before calling ToEntityReference()");
        // 9.0.44 copies the logical name, id and row version; alternate keys are not carried over
        // (shared/notes/dataverse.md §2.1).
        return new EntityReference(LogicalName, Id)
        {
            RowVersion = RowVersion,
        };
    }

    public T ToEntity<T>()
        where T : Entity
    {
        if (typeof(T) == typeof(Entity))
        {
            var copy = new Entity();
            ShallowCopyTo(copy);
            return (T)copy;
        }

        if (string.IsNullOrWhiteSpace(LogicalName))
            throw new NotSupportedException("LogicalName must be set before calling ToEntity()");

        var attribute = (EntityLogicalNameAttribute)Attribute.GetCustomAttribute(typeof(T), typeof(EntityLogicalNameAttribute), true);
        if (attribute == null || string.IsNullOrWhiteSpace(attribute.LogicalName))
            throw new NotSupportedException($"Cannot convert to type {typeof(T).FullName}: it has no EntityLogicalNameAttribute.");
        if (!string.Equals(attribute.LogicalName, LogicalName, StringComparison.Ordinal))
            throw new NotSupportedException($"Cannot convert entity {LogicalName} to {attribute.LogicalName}.");

        var typed = (T)Activator.CreateInstance(typeof(T));
        ShallowCopyTo(typed);
        return typed;
    }

    protected virtual void SetAttributeValue(string attributeLogicalName, object value)
    {
        Attributes[attributeLogicalName] = value;
    }

    protected virtual string GetFormattedAttributeValue(string attributeLogicalName)
    {
        return FormattedValues.TryGetValue(attributeLogicalName, out var value) ? value : null;
    }

    protected virtual TEntity GetRelatedEntity<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole)
        where TEntity : Entity
    {
        return GetRelatedEntities<TEntity>(relationshipSchemaName, primaryEntityRole)?.FirstOrDefault();
    }

    protected virtual void SetRelatedEntity<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole, TEntity entity)
        where TEntity : Entity
    {
        SetRelatedEntities(relationshipSchemaName, primaryEntityRole, entity == null ? null : new[] { entity });
    }

    protected virtual IEnumerable<TEntity> GetRelatedEntities<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole)
        where TEntity : Entity
    {
        var key = new Relationship(relationshipSchemaName) { PrimaryEntityRole = primaryEntityRole };
        if (!RelatedEntities.TryGetValue(key, out var collection) || collection == null)
            return null;
        return collection.Entities.Select(e => e as TEntity ?? e.ToEntity<TEntity>()).ToList();
    }

    protected virtual void SetRelatedEntities<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole, IEnumerable<TEntity> entities)
        where TEntity : Entity
    {
        var key = new Relationship(relationshipSchemaName) { PrimaryEntityRole = primaryEntityRole };
        if (entities == null)
        {
            RelatedEntities.Remove(key);
            return;
        }

        var list = new List<Entity>(entities);
        if (list.Any(e => e == null || string.IsNullOrWhiteSpace(e.LogicalName)))
            throw new ArgumentException("Every related entity needs a LogicalName.", nameof(entities));
        RelatedEntities[key] = new EntityCollection(list) { EntityName = list.Count > 0 ? list[0].LogicalName : null };
    }

    // Shares the collections, as the real ToEntity does: the copy is a different view of the same record.
    private void ShallowCopyTo(Entity target)
    {
        target.LogicalName = LogicalName;
        target._id = _id;
        target.Attributes = Attributes;
        target.FormattedValues = FormattedValues;
        target.RelatedEntities = RelatedEntities;
        target.KeyAttributes = KeyAttributes;
        target.EntityState = EntityState;
        target.RowVersion = RowVersion;
        target.ExtensionData = ExtensionData;
    }
}
