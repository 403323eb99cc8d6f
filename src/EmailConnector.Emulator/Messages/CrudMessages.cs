using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Messages;

internal sealed class CreateMessage : MessageHandler
{
    public override string RequestName => "Create";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var target = Required<Entity>(request, "Target");
        var table = context.Store.Table(target.LogicalName);
        return new MessageInfo("Create", table.LogicalName, context.Records.PrimaryIdOf(target, table.Definition), table.LogicalName);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var id = context.Records.Create(Required<Entity>(request, "Target"), context.Caller);
        return Respond<CreateResponse>("Create", ("id", id));
    }
}

internal sealed class RetrieveMessage : MessageHandler
{
    public override string RequestName => "Retrieve";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var target = Required<EntityReference>(request, "Target");
        if (Optional<object>(request, "RelatedEntitiesQuery") is not null)
            throw new NotSupportedException("Retrieve with RelatedEntitiesQuery is not emulated.");
        var table = context.Store.Table(target.LogicalName);
        return new MessageInfo("Retrieve", table.LogicalName, target.Id);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var entity = context.Records.Retrieve(Required<EntityReference>(request, "Target"), Optional<ColumnSet>(request, "ColumnSet"));
        return Respond<RetrieveResponse>("Retrieve", ("Entity", entity));
    }
}

internal sealed class UpdateMessage : MessageHandler
{
    public override string RequestName => "Update";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var target = Required<Entity>(request, "Target");
        var table = context.Store.Table(target.LogicalName);
        var id = context.Records.PrimaryIdOf(target, table.Definition);
        if (id == Guid.Empty && target.KeyAttributes.Count > 0)
            id = context.Records.TryResolve(table, Guid.Empty, target.KeyAttributes) ?? Guid.Empty;
        return new MessageInfo("Update", table.LogicalName, id, table.LogicalName);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var concurrency = Optional<ConcurrencyBehavior?>(request, "ConcurrencyBehavior") ?? ConcurrencyBehavior.Default;
        context.Records.Update(Required<Entity>(request, "Target"), context.Caller, concurrency);
        return Respond<UpdateResponse>("Update");
    }
}

internal sealed class DeleteMessage : MessageHandler
{
    public override string RequestName => "Delete";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var target = Required<EntityReference>(request, "Target");
        var table = context.Store.Table(target.LogicalName);
        var id = target.Id != Guid.Empty ? target.Id : context.Records.TryResolve(table, Guid.Empty, target.KeyAttributes) ?? Guid.Empty;
        return new MessageInfo("Delete", table.LogicalName, id, table.LogicalName);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var concurrency = Optional<ConcurrencyBehavior?>(request, "ConcurrencyBehavior") ?? ConcurrencyBehavior.Default;
        context.Records.Delete(Required<EntityReference>(request, "Target"), concurrency);
        return Respond<DeleteResponse>("Delete");
    }
}

internal sealed class RetrieveMultipleMessage : MessageHandler
{
    public override string RequestName => "RetrieveMultiple";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var query = Required<QueryBase>(request, "Query");
        var table = query switch
        {
            QueryExpression e => e.EntityName,
            QueryByAttribute b => b.EntityName,
            FetchExpression f => FetchEntityName(f.Query),
            _ => throw new NotSupportedException($"Query type {query.GetType().Name} is not emulated."),
        };
        return new MessageInfo("RetrieveMultiple", context.Store.Table(table).LogicalName, Guid.Empty);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var engine = new QueryEngine(context.Store, context.Time);
        return Respond<RetrieveMultipleResponse>("RetrieveMultiple", ("EntityCollection", engine.RetrieveMultiple(Required<QueryBase>(request, "Query"))));
    }

    private static string? FetchEntityName(string? fetchXml)
    {
        try
        {
            return System.Xml.Linq.XDocument.Parse(fetchXml ?? string.Empty).Root?.Element("entity")?.Attribute("name")?.Value;
        }
        catch (System.Xml.XmlException exception)
        {
            throw OrganizationFaults.InvalidArgument("Invalid FetchXML: " + exception.Message);
        }
    }
}
