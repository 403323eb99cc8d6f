using System.Reflection;
using EmailConnector.Emulator.Metadata;

namespace EmailConnector.Emulator.Pipeline;

/// <summary>
/// The registered steps, checked on registration like the Plug-in Registration Tool does (impossible images, async
/// outside stage 40, stage 30), and looked up per message, table and stage in rank, then registration, order.
/// </summary>
public sealed class PluginRegistry
{
    private readonly List<PluginStep> _steps = [];
    private readonly object _gate = new();
    private int _order;

    public IReadOnlyList<PluginStep> Steps
    {
        get
        {
            lock (_gate)
                return [.. _steps];
        }
    }

    public PluginStep Register(PluginStep step)
    {
        Validate(step);
        lock (_gate)
        {
            step.RegistrationOrder = _order++;
            _steps.Add(step);
        }
        return step;
    }

    public bool Unregister(PluginStep step)
    {
        lock (_gate)
            return _steps.Remove(step);
    }

    public void Clear()
    {
        lock (_gate)
            _steps.Clear();
    }

    /// <summary>Registers every step of a solution, finding each plugin type by name through the resolver.</summary>
    public void RegisterSolution(SolutionDefinition solution, Func<string, Type?> resolveType, IReadOnlyDictionary<Guid, string>? secureConfigurations = null)
    {
        foreach (var definition in solution.Steps)
        {
            var type = resolveType(definition.PluginTypeName)
                ?? throw new InvalidOperationException($"Step '{definition.Name}' names plugin type '{definition.PluginTypeName}', which is not in the given plugin assemblies.");
            Register(new PluginStep(definition.MessageName, definition.PrimaryEntity, definition.Stage, (u, s) => PluginActivator.Create(type, u, s))
            {
                Id = definition.StepId,
                Name = definition.Name,
                Mode = definition.Mode,
                Rank = definition.Rank,
                FilteringAttributes = definition.FilteringAttributes,
                Images = definition.Images,
                UnsecureConfiguration = definition.UnsecureConfiguration,
                SecureConfiguration = secureConfigurations is not null && secureConfigurations.TryGetValue(definition.StepId, out var secure) ? secure : null,
                PluginTypeName = definition.PluginTypeName,
            });
        }
    }

    /// <summary>A resolver over loaded plugin assemblies: public IPlugin types by full name.</summary>
    public static Func<string, Type?> TypesIn(params Assembly[] assemblies)
    {
        var types = assemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => typeof(Microsoft.Xrm.Sdk.IPlugin).IsAssignableFrom(t) && !t.IsAbstract)
            .ToDictionary(t => t.FullName!, StringComparer.Ordinal);
        return name => types.TryGetValue(name, out var type) ? type : null;
    }

    /// <summary>A resolver over plugin DLLs loaded from disk (for example the built net462 plugin assembly).</summary>
    public static Func<string, Type?> TypesInFiles(params string[] assemblyPaths) =>
        TypesIn(assemblyPaths.Select(p => Assembly.LoadFrom(Path.GetFullPath(p))).ToArray());

    internal IReadOnlyList<PluginStep> Find(string message, string? primaryEntity, PipelineStage stage, StepMode mode)
    {
        lock (_gate)
        {
            return _steps
                .Where(s => s.Stage == stage && s.Mode == mode && s.MessageName == message && (s.PrimaryEntity is null || s.PrimaryEntity == primaryEntity))
                .OrderBy(s => s.Rank)
                .ThenBy(s => s.RegistrationOrder)
                .ToList();
        }
    }

    private static void Validate(PluginStep step)
    {
        if (step.Stage is not (PipelineStage.PreValidation or PipelineStage.PreOperation or PipelineStage.PostOperation))
            throw new InvalidOperationException($"Step '{step.Name}': stage {(int)step.Stage} cannot be registered (only 10, 20 and 40; 30 belongs to custom APIs).");
        if (step.Mode == StepMode.Asynchronous && step.Stage != PipelineStage.PostOperation)
            throw new InvalidOperationException($"Step '{step.Name}': asynchronous steps must be registered in stage 40.");
        foreach (var image in step.Images)
        {
            if (image.IsPre && step.MessageName == "Create")
                throw new InvalidOperationException($"Step '{step.Name}': a Create step has no pre-image ('{image.EntityAlias}').");
            if (image.IsPost && step.MessageName == "Delete")
                throw new InvalidOperationException($"Step '{step.Name}': a Delete step has no post-image ('{image.EntityAlias}').");
            if (image.IsPost && step.Stage != PipelineStage.PostOperation)
                throw new InvalidOperationException($"Step '{step.Name}': post-images exist only in stage 40 ('{image.EntityAlias}').");
            if (!ImageMessages.Contains(step.MessageName))
                throw new NotSupportedException($"Step '{step.Name}': images on message '{step.MessageName}' are not emulated.");
        }
        if (step.FilteringAttributes.Count > 0 && step.MessageName != "Update")
            throw new NotSupportedException($"Step '{step.Name}': filtering attributes are emulated for Update only.");
    }

    private static readonly HashSet<string> ImageMessages = new(StringComparer.Ordinal) { "Create", "Update", "Delete", "SetState", "SetStateDynamicEntity" };
}
