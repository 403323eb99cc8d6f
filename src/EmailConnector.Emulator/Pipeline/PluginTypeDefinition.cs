namespace EmailConnector.Emulator.Pipeline;

/// <summary>A plugin type from a solution's PluginAssembly data: how steps and custom APIs name their code.</summary>
public sealed record PluginTypeDefinition(Guid PluginTypeId, string TypeName, string AssemblyQualifiedName, string AssemblyFullName);
