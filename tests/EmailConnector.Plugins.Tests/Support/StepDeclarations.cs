using System.Reflection;
using EmailConnector.Plugins.Contact;
using EmailConnector.Plugins.Infrastructure;

namespace EmailConnector.Plugins.Tests.Support;

/// <summary>One step as its class declares it.</summary>
public sealed record DeclaredStep(Type PluginType, PluginStepAttribute Step, IReadOnlyList<PluginStepImageAttribute> Images)
{
    public string Name => $"{PluginType.FullName}: {Step.Message} of {Step.Table}";
}

/// <summary>The registrations declared in the built plugin assembly.</summary>
public static class StepDeclarations
{
    public static Assembly PluginAssembly => typeof(ContactOnUpdatePostOperation).Assembly;

    public static IReadOnlyList<DeclaredStep> All() =>
        PluginAssembly.GetExportedTypes()
            .Where(t => t.GetCustomAttribute<PluginStepAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => new DeclaredStep(t, t.GetCustomAttribute<PluginStepAttribute>()!, [.. t.GetCustomAttributes<PluginStepImageAttribute>().OrderBy(i => i.Alias, StringComparer.Ordinal)]))
            .ToList();

    public static IReadOnlyList<Type> PluginTypes() =>
        PluginAssembly.GetExportedTypes().Where(t => typeof(Microsoft.Xrm.Sdk.IPlugin).IsAssignableFrom(t) && !t.IsAbstract).ToList();
}
