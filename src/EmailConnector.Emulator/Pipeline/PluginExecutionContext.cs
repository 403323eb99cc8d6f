using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Pipeline;

/// <summary>The context handed to one step: every IPluginExecutionContext member populated.</summary>
public sealed class PluginExecutionContext : IPluginExecutionContext
{
    public int Mode { get; init; }

    public int IsolationMode { get; init; } = 2;

    public int Depth { get; init; }

    public string MessageName { get; init; } = string.Empty;

    public string PrimaryEntityName { get; init; } = "none";

    public Guid? RequestId { get; init; }

    public string SecondaryEntityName { get; init; } = "none";

    public ParameterCollection InputParameters { get; init; } = new();

    public ParameterCollection OutputParameters { get; init; } = new();

    public ParameterCollection SharedVariables { get; init; } = new();

    public Guid UserId { get; init; }

    public Guid InitiatingUserId { get; init; }

    public Guid BusinessUnitId { get; init; }

    public Guid OrganizationId { get; init; }

    public string OrganizationName { get; init; } = string.Empty;

    public Guid PrimaryEntityId { get; set; }

    public EntityImageCollection PreEntityImages { get; init; } = new();

    public EntityImageCollection PostEntityImages { get; init; } = new();

    public EntityReference? OwningExtension { get; init; }

    public Guid CorrelationId { get; init; }

    public bool IsExecutingOffline => false;

    public bool IsOfflinePlayback => false;

    public bool IsInTransaction { get; init; }

    public Guid OperationId { get; init; }

    public DateTime OperationCreatedOn { get; init; }

    public int Stage { get; init; }

    public IPluginExecutionContext? ParentContext { get; init; }

    EntityReference IExecutionContext.OwningExtension => OwningExtension!;

    IPluginExecutionContext IPluginExecutionContext.ParentContext => ParentContext!;

    /// <summary>A copy for another step or stage, sharing nothing mutable unless the caller passes it in.</summary>
    internal PluginExecutionContext With(
        int stage,
        int mode,
        bool inTransaction,
        ParameterCollection sharedVariables,
        IPluginExecutionContext? parent,
        EntityReference? owningExtension,
        EntityImageCollection pre,
        EntityImageCollection post,
        ParameterCollection? inputParameters = null,
        ParameterCollection? outputParameters = null) => new()
    {
        Mode = mode, Depth = Depth, MessageName = MessageName, PrimaryEntityName = PrimaryEntityName, RequestId = RequestId,
        SecondaryEntityName = SecondaryEntityName, InputParameters = inputParameters ?? InputParameters,
        OutputParameters = outputParameters ?? OutputParameters, SharedVariables = sharedVariables, UserId = UserId,
        InitiatingUserId = InitiatingUserId, BusinessUnitId = BusinessUnitId, OrganizationId = OrganizationId,
        OrganizationName = OrganizationName, PrimaryEntityId = PrimaryEntityId, PreEntityImages = pre, PostEntityImages = post,
        OwningExtension = owningExtension, CorrelationId = CorrelationId, IsInTransaction = inTransaction, OperationId = OperationId,
        OperationCreatedOn = OperationCreatedOn, Stage = stage, ParentContext = parent,
    };
}
