using EmailConnector.Emulator.Faults;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Emulator.Messages;

/// <summary>SetState validates the pair, then runs an inner Update of statecode/statuscode so Update steps fire too.</summary>
internal sealed class SetStateMessage : MessageHandler
{
    public override string RequestName => "SetState";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var moniker = Required<EntityReference>(request, "EntityMoniker");
        Required<OptionSetValue>(request, "State");
        Required<OptionSetValue>(request, "Status");
        var table = context.Store.Table(moniker.LogicalName);
        return new MessageInfo("SetState", table.LogicalName, moniker.Id, table.LogicalName);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var moniker = Required<EntityReference>(request, "EntityMoniker");
        var state = Required<OptionSetValue>(request, "State").Value;
        var status = Required<OptionSetValue>(request, "Status").Value;
        var table = context.Store.Table(moniker.LogicalName);
        var definition = table.Definition;
        if (!definition.HasStateModel)
            throw OrganizationFaults.InvalidArgument($"{definition.LogicalName} has no statecode.");
        var stateDefinition = definition.FindState(state) ?? throw OrganizationFaults.InvalidState(definition.LogicalName, state, status);
        // Status -1 asks for the state's default status.
        if (status == -1)
            status = stateDefinition.DefaultStatus;
        if (!stateDefinition.Statuses.Contains(status))
            throw OrganizationFaults.InvalidState(definition.LogicalName, state, status);
        context.Records.Resolve(table, moniker.Id, moniker.KeyAttributes);
        context.ExecuteInner(new UpdateRequest
        {
            Target = new Entity(definition.LogicalName, moniker.Id) { ["statecode"] = new OptionSetValue(state), ["statuscode"] = new OptionSetValue(status) },
        });
        return Respond<SetStateResponse>("SetState");
    }
}

internal sealed class WhoAmIMessage : MessageHandler
{
    public override string RequestName => "WhoAmI";

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request) => new("WhoAmI", "none", Guid.Empty);

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info) =>
        Respond<WhoAmIResponse>("WhoAmI", ("UserId", context.Caller.UserId), ("BusinessUnitId", context.Caller.BusinessUnitId), ("OrganizationId", context.OrganizationId));
}
