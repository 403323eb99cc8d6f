using Microsoft.Xrm.Sdk;

namespace EmailConnector.Testing.Plugins;

/// <summary>
/// A plugin execution context with settable members and the platform's defaults for the rest: empty parameter and
/// image collections, depth 1, synchronous, sandboxed.
/// </summary>
public sealed class FakePluginExecutionContext : IPluginExecutionContext
{
    public int Stage { get; set; }

    public IPluginExecutionContext? ParentContext { get; set; }

    public int Mode { get; set; }

    public int IsolationMode { get; set; } = 2;

    public int Depth { get; set; } = 1;

    public string MessageName { get; set; } = string.Empty;

    public string PrimaryEntityName { get; set; } = string.Empty;

    public Guid? RequestId { get; set; }

    public string SecondaryEntityName { get; set; } = "none";

    public ParameterCollection InputParameters { get; } = [];

    public ParameterCollection OutputParameters { get; } = [];

    public ParameterCollection SharedVariables { get; } = [];

    public Guid UserId { get; set; }

    public Guid InitiatingUserId { get; set; }

    public Guid BusinessUnitId { get; set; }

    public Guid OrganizationId { get; set; }

    public string OrganizationName { get; set; } = string.Empty;

    public Guid PrimaryEntityId { get; set; }

    public EntityImageCollection PreEntityImages { get; } = [];

    public EntityImageCollection PostEntityImages { get; } = [];

    public EntityReference? OwningExtension { get; set; }

    public Guid CorrelationId { get; set; }

    public bool IsExecutingOffline { get; set; }

    public bool IsOfflinePlayback { get; set; }

    public bool IsInTransaction { get; set; }

    public Guid OperationId { get; set; }

    public DateTime OperationCreatedOn { get; set; }
}
