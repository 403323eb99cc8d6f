using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Messages;
using EmailConnector.Emulator.Pipeline;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.CustomApis;

/// <summary>
/// A custom API as a message: parameters are checked before stage 10 (missing required, wrong type, unknown name),
/// a bound API receives Target, the main plugin runs at stage 30, and every declared response property must be set.
/// </summary>
internal sealed class CustomApiMessage(CustomApiDefinition definition, PluginStep? mainOperation) : MessageHandler
{
    public CustomApiDefinition Definition { get; } = definition;

    public override string RequestName => Definition.UniqueName;

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request)
    {
        var primaryEntity = "none";
        var primaryId = Guid.Empty;
        if (Definition.BindingType == CustomApiBindingType.Entity)
        {
            if (!request.Parameters.TryGetValue("Target", out var value) || value is not EntityReference target)
                throw OrganizationFaults.Create(ErrorCodes.RequiredParameterMissing, $"The bound custom API '{RequestName}' requires Target (an EntityReference to {Definition.BoundEntityLogicalName}).");
            if (target.LogicalName != Definition.BoundEntityLogicalName)
                throw OrganizationFaults.InvalidArgument($"Custom API '{RequestName}' is bound to {Definition.BoundEntityLogicalName}, not {target.LogicalName}.");
            if (context.Store.Table(target.LogicalName).Get(target.Id) is null)
                throw OrganizationFaults.NotFound(target.LogicalName, target.Id);
            primaryEntity = target.LogicalName;
            primaryId = target.Id;
        }
        foreach (var (key, value) in request.Parameters)
        {
            if (key == "Target" && Definition.BindingType == CustomApiBindingType.Entity)
                continue;
            var parameter = Definition.RequestParameters.FirstOrDefault(p => p.UniqueName == key)
                ?? throw OrganizationFaults.InvalidArgument($"Custom API '{RequestName}' has no request parameter '{key}'.");
            if (value is not null && !Matches(parameter.Type, value))
                throw OrganizationFaults.InvalidArgument($"Parameter '{key}' of '{RequestName}' must be {parameter.Type}, not {value.GetType().Name}.");
        }
        foreach (var parameter in Definition.RequestParameters.Where(p => !p.IsOptional))
        {
            if (!request.Parameters.TryGetValue(parameter.UniqueName, out var value) || value is null)
                throw OrganizationFaults.Create(ErrorCodes.RequiredParameterMissing, $"Required parameter '{parameter.UniqueName}' of custom API '{RequestName}' is missing.");
        }
        return new MessageInfo(RequestName, primaryEntity, primaryId);
    }

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var mainContext = (PluginExecutionContext)context.CurrentContext!;
        if (mainOperation is not null)
            context.RunMainOperation(mainOperation, mainContext);
        var response = new OrganizationResponse { ResponseName = RequestName };
        foreach (var property in Definition.ResponseProperties)
        {
            if (!mainContext.OutputParameters.TryGetValue(property.UniqueName, out var value))
                throw OrganizationFaults.Create(ErrorCodes.CustomApiResponseMissing, $"Custom API '{RequestName}' did not set its response property '{property.UniqueName}'.");
            if (value is not null && !Matches(property.Type, value))
                throw OrganizationFaults.Create(ErrorCodes.CustomApiResponseMissing, $"Response property '{property.UniqueName}' of '{RequestName}' must be {property.Type}, not {value.GetType().Name}.");
            response.Results[property.UniqueName] = value;
        }
        return response;
    }

    internal static bool Matches(CustomApiFieldType type, object value) => type switch
    {
        CustomApiFieldType.Boolean => value is bool,
        CustomApiFieldType.DateTime => value is DateTime,
        CustomApiFieldType.Decimal => value is decimal,
        CustomApiFieldType.Entity => value is Entity,
        CustomApiFieldType.EntityCollection => value is EntityCollection,
        CustomApiFieldType.EntityReference => value is EntityReference,
        CustomApiFieldType.Float => value is double,
        CustomApiFieldType.Integer => value is int,
        CustomApiFieldType.Money => value is Money,
        CustomApiFieldType.Picklist => value is OptionSetValue,
        CustomApiFieldType.String => value is string,
        CustomApiFieldType.StringArray => value is string[],
        CustomApiFieldType.Guid => value is Guid,
        _ => false,
    };
}
