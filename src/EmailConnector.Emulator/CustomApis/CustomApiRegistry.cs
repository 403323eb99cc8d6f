using EmailConnector.Emulator.Messages;
using EmailConnector.Emulator.Pipeline;

namespace EmailConnector.Emulator.CustomApis;

/// <summary>The custom APIs the organization knows, each with the step that runs its main operation.</summary>
public sealed class CustomApiRegistry
{
    private readonly Dictionary<string, CustomApiMessage> _apis = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public IReadOnlyList<CustomApiDefinition> Definitions
    {
        get
        {
            lock (_gate)
                return _apis.Values.Select(a => a.Definition).ToList();
        }
    }

    /// <summary>Registers an API; <paramref name="mainOperation"/> is null for an API that only raises events.</summary>
    public void Register(CustomApiDefinition definition, PluginStep? mainOperation)
    {
        if (definition.BindingType == CustomApiBindingType.Entity && string.IsNullOrEmpty(definition.BoundEntityLogicalName))
            throw new InvalidOperationException($"Custom API '{definition.UniqueName}' is bound to a table but names none.");
        if (definition.BindingType == CustomApiBindingType.EntityCollection)
            throw new NotSupportedException($"Custom API '{definition.UniqueName}' is bound to an entity collection, which is not emulated.");
        if (definition.IsFunction && definition.ResponseProperties.Count == 0)
            throw new InvalidOperationException($"Custom API '{definition.UniqueName}' is a function without response properties.");
        lock (_gate)
            _apis[definition.UniqueName] = new CustomApiMessage(definition, mainOperation);
    }

    internal MessageHandler? Find(string uniqueName)
    {
        lock (_gate)
            return _apis.TryGetValue(uniqueName, out var api) ? api : null;
    }
}
