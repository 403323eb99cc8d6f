using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Emulator.Messages;

/// <summary>Associate and Disassociate: N:N relationships insert or delete intersect rows, 1:N set or clear the lookup.</summary>
internal sealed class RelationshipMessage(bool associate) : MessageHandler
{
    public override string RequestName => associate ? "Associate" : "Disassociate";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var target = Required<EntityReference>(request, "Target");
        Required<Relationship>(request, "Relationship");
        Required<EntityReferenceCollection>(request, "RelatedEntities");
        return new MessageInfo(RequestName, context.Store.Table(target.LogicalName).LogicalName, target.Id);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var target = Required<EntityReference>(request, "Target");
        var relationship = Required<Relationship>(request, "Relationship");
        var related = Required<EntityReferenceCollection>(request, "RelatedEntities");
        var catalog = context.Store.Catalog;
        if (catalog.FindManyToMany(relationship.SchemaName) is { } manyToMany)
        {
            foreach (var other in related)
                ManyToMany(context, manyToMany, target, other);
        }
        else if (catalog.FindOneToMany(relationship.SchemaName) is { } oneToMany)
        {
            foreach (var other in related)
                OneToMany(context, oneToMany, target, other);
        }
        else
        {
            throw OrganizationFaults.InvalidArgument($"The relationship '{relationship.SchemaName}' does not exist.");
        }
        return associate ? Respond<AssociateResponse>(RequestName) : Respond<DisassociateResponse>(RequestName);
    }

    private void ManyToMany(RequestContext context, ManyToManyRelationship relationship, EntityReference target, EntityReference other)
    {
        var (first, second) = target.LogicalName == relationship.Entity1 && other.LogicalName == relationship.Entity2 ? (target, other)
            : target.LogicalName == relationship.Entity2 && other.LogicalName == relationship.Entity1 ? (other, target)
            : throw OrganizationFaults.InvalidArgument($"'{target.LogicalName}' and '{other.LogicalName}' are not the two sides of '{relationship.SchemaName}'.");
        RequireExists(context, first);
        RequireExists(context, second);
        var intersect = context.Store.Table(relationship.IntersectEntity);
        var firstSlot = intersect.SlotOf(relationship.Entity1IntersectAttribute)!.Value;
        var secondSlot = intersect.SlotOf(relationship.Entity2IntersectAttribute)!.Value;
        var existing = intersect.IdsWhere(secondSlot, second.Id)
            .Where(id => intersect.Get(id)![firstSlot] is { } value && IndexKeyComparer.Normalize(value) is Guid g && g == first.Id)
            .ToList();
        if (!associate)
        {
            foreach (var id in existing)
                context.Records.RemoveIntersectRow(intersect, id);
            return;
        }
        if (existing.Count > 0)
            throw OrganizationFaults.Create(ErrorCodes.DuplicateRecord, $"Cannot insert duplicate key: {first.LogicalName} {first.Id} is already associated with {second.LogicalName} {second.Id} through {relationship.SchemaName}.");
        var row = new Entity(relationship.IntersectEntity)
        {
            [relationship.Entity1IntersectAttribute] = IntersectValue(intersect, relationship.Entity1IntersectAttribute, first),
            [relationship.Entity2IntersectAttribute] = IntersectValue(intersect, relationship.Entity2IntersectAttribute, second),
        };
        if (intersect.LogicalName == "campaignactivityitem")
            row["itemobjecttypecode"] = second.LogicalName;
        if (intersect.LogicalName == "campaignitem")
            row["entitytype"] = second.LogicalName;
        context.Records.Create(row, context.Caller);
        if (intersect.LogicalName == "listmember")
            context.Records.AdjustMemberCount(first.Id, +1);
    }

    private void OneToMany(RequestContext context, OneToManyRelationship relationship, EntityReference target, EntityReference other)
    {
        var (parent, child) = target.LogicalName == relationship.ReferencedTable && other.LogicalName == relationship.ReferencingTable ? (target, other)
            : target.LogicalName == relationship.ReferencingTable && other.LogicalName == relationship.ReferencedTable ? (other, target)
            : throw OrganizationFaults.InvalidArgument($"'{target.LogicalName}' and '{other.LogicalName}' are not the two sides of '{relationship.SchemaName}'.");
        RequireExists(context, parent);
        RequireExists(context, child);
        var update = new Entity(child.LogicalName, child.Id);
        if (associate)
        {
            update[relationship.ReferencingAttribute] = new EntityReference(parent.LogicalName, parent.Id);
        }
        else
        {
            var current = context.Records.TryRead(child.LogicalName, child.Id, [relationship.ReferencingAttribute])!;
            if (current.GetAttributeValue<EntityReference>(relationship.ReferencingAttribute)?.Id != parent.Id)
                return;
            update[relationship.ReferencingAttribute] = null;
        }
        context.Records.Update(update, context.Caller);
    }

    private static object IntersectValue(TableStore intersect, string column, EntityReference reference) =>
        intersect.Definition.FindColumn(column)!.Type.IsLookup() ? new EntityReference(reference.LogicalName, reference.Id) : reference.Id;

    private static void RequireExists(RequestContext context, EntityReference reference)
    {
        if (context.Store.Table(reference.LogicalName).Get(reference.Id) is null)
            throw OrganizationFaults.NotFound(reference.LogicalName, reference.Id);
    }
}
