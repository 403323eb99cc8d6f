using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Pipeline;

/// <summary>Creates plugins as the platform does: (unsecure, secure), then (unsecure), then the parameterless constructor.</summary>
public static class PluginActivator
{
    public static IPlugin Create(Type type, string? unsecure, string? secure)
    {
        if (!typeof(IPlugin).IsAssignableFrom(type))
            throw new InvalidOperationException($"{type.FullName} does not implement IPlugin.");
        if (type.GetConstructor([typeof(string), typeof(string)]) is { } two)
            return (IPlugin)two.Invoke([unsecure, secure]);
        if (type.GetConstructor([typeof(string)]) is { } one)
            return (IPlugin)one.Invoke([unsecure]);
        if (type.GetConstructor(Type.EmptyTypes) is { } none)
            return (IPlugin)none.Invoke([]);
        throw new InvalidOperationException($"{type.FullName} has no public constructor the platform can call.");
    }
}
