using EmailConnector.Emulator.Faults;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Emulator.Messages;

/// <summary>Upsert: find by id or alternate key, then an inner Update, or an inner Create with the key values copied in.</summary>
internal sealed class UpsertMessage : MessageHandler
{
    public override string RequestName => "Upsert";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var target = Required<Entity>(request, "Target");
        var table = context.Store.Table(target.LogicalName);
        return new MessageInfo("Upsert", table.LogicalName, context.Records.PrimaryIdOf(target, table.Definition));
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var (created, reference) = Run(context, Required<Entity>(request, "Target"));
        return Respond<UpsertResponse>("Upsert", ("RecordCreated", created), ("Target", reference));
    }

    internal static (bool Created, EntityReference Reference) Run(RequestContext context, Entity target)
    {
        var table = context.Store.Table(target.LogicalName);
        var id = context.Records.PrimaryIdOf(target, table.Definition);
        var existing = id != Guid.Empty
            ? (table.Get(id) is null ? null : id)
            : context.Records.TryResolve(table, Guid.Empty, target.KeyAttributes);
        var inner = ValueClone(target);
        if (existing is { } found)
        {
            inner.Id = found;
            inner.KeyAttributes = new KeyAttributeCollection();
            context.ExecuteInner(new UpdateRequest { Target = inner });
            return (false, new EntityReference(table.LogicalName, found));
        }
        foreach (var (key, value) in target.KeyAttributes)
            inner.Attributes[key] = value;
        inner.KeyAttributes = new KeyAttributeCollection();
        var response = (CreateResponse)context.ExecuteInner(new CreateRequest { Target = inner });
        return (true, new EntityReference(table.LogicalName, response.id));
    }

    private static Entity ValueClone(Entity source) => Storage.ValueConverter.CloneEntity(source);
}

/// <summary>CreateMultiple, UpdateMultiple and UpsertMultiple: one transaction, each item through its own Create/Update steps.</summary>
internal sealed class MultipleMessage(string requestName) : MessageHandler
{
    public override string RequestName => requestName;

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var targets = Required<EntityCollection>(request, "Targets");
        if (string.IsNullOrEmpty(targets.EntityName))
            throw OrganizationFaults.InvalidArgument($"{requestName}: Targets.EntityName is required.");
        if (targets.Entities.Any(e => e.LogicalName != targets.EntityName))
            throw OrganizationFaults.InvalidArgument($"{requestName}: every target must be a {targets.EntityName}.");
        if (targets.Entities.Count == 0)
            throw OrganizationFaults.InvalidArgument($"{requestName}: Targets is empty.");
        return new MessageInfo(requestName, context.Store.Table(targets.EntityName).LogicalName, Guid.Empty);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var targets = Required<EntityCollection>(request, "Targets");
        var response = new OrganizationResponse { ResponseName = requestName };
        switch (requestName)
        {
            case "CreateMultiple":
                response.Results["Ids"] = targets.Entities
                    .Select(t => ((CreateResponse)context.ExecuteInner(new CreateRequest { Target = t })).id)
                    .ToArray();
                break;
            case "UpdateMultiple":
                foreach (var target in targets.Entities)
                    context.ExecuteInner(new UpdateRequest { Target = target });
                break;
            default:
                response.Results["Results"] = targets.Entities.Select(t =>
                {
                    var (created, reference) = UpsertMessage.Run(context, t);
                    var item = new UpsertResponse { ResponseName = "Upsert" };
                    item.Results["RecordCreated"] = created;
                    item.Results["Target"] = reference;
                    return item;
                }).ToArray();
                break;
        }
        return response;
    }
}
