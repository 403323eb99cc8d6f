namespace EmailConnector.Packaging;

/// <summary>What to pack and where the plugin assemblies come from.</summary>
/// <param name="SolutionFolder">The unpacked solution (SolutionPackager layout: Other/Solution.xml, Entities/, …).</param>
/// <param name="PluginAssemblies">Built plugin DLLs; each one is matched to its PluginAssemblies/*/*.dll.data.xml by assembly name.</param>
/// <param name="AllowMissingPluginTypes">Pack even when a registered plugin type is not in its DLL (the zip will not import).</param>
public sealed record PackOptions(string SolutionFolder, IReadOnlyList<string> PluginAssemblies, bool AllowMissingPluginTypes = false);
