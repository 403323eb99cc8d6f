using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Pipeline;

/// <summary>
/// A registered step: where it runs, which images it gets, and how its plugin is made. The plugin instance is created
/// once, through its (string, string) constructor when it has one, and reused like the platform's cached instance.
/// </summary>
public sealed class PluginStep
{
    private readonly Func<string?, string?, IPlugin> _factory;
    private IPlugin? _instance;

    public PluginStep(string messageName, string? primaryEntity, PipelineStage stage, Func<string?, string?, IPlugin> factory)
    {
        MessageName = messageName;
        PrimaryEntity = primaryEntity;
        Stage = stage;
        _factory = factory;
    }

    public Guid Id { get; init; } = Guid.NewGuid();

    public string Name { get; init; } = string.Empty;

    public string MessageName { get; }

    /// <summary>Null matches every table (and messages without a table).</summary>
    public string? PrimaryEntity { get; }

    public PipelineStage Stage { get; }

    public StepMode Mode { get; init; } = StepMode.Synchronous;

    public int Rank { get; init; } = 1;

    public IReadOnlyList<string> FilteringAttributes { get; init; } = [];

    public IReadOnlyList<StepImage> Images { get; init; } = [];

    public string? UnsecureConfiguration { get; init; }

    public string? SecureConfiguration { get; init; }

    public string PluginTypeName { get; init; } = string.Empty;

    internal int RegistrationOrder { get; set; }

    internal IPlugin Plugin => _instance ??= _factory(UnsecureConfiguration, SecureConfiguration);

    /// <summary>A step for a plugin type, made through the constructor the platform would use.</summary>
    public static PluginStep ForType(Type pluginType, string messageName, string? primaryEntity, PipelineStage stage) =>
        new(messageName, primaryEntity, stage, (unsecure, secure) => PluginActivator.Create(pluginType, unsecure, secure))
        {
            PluginTypeName = pluginType.FullName ?? pluginType.Name,
            Name = $"{pluginType.FullName}: {messageName} of {primaryEntity ?? "any entity"}",
        };

    public static PluginStep ForType<TPlugin>(string messageName, string? primaryEntity, PipelineStage stage)
        where TPlugin : IPlugin => ForType(typeof(TPlugin), messageName, primaryEntity, stage);

    public override string ToString() => Name;
}
