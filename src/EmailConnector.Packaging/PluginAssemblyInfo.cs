using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EmailConnector.Packaging;

/// <summary>Identity and type names of a built plugin DLL, read from its metadata without loading it.</summary>
public sealed class PluginAssemblyInfo
{
    private PluginAssemblyInfo(string path, string fullName, string name, IReadOnlySet<string> typeNames)
    {
        Path = path;
        FullName = fullName;
        Name = name;
        TypeNames = typeNames;
    }

    public string Path { get; }

    /// <summary>"Name, Version=…, Culture=neutral, PublicKeyToken=…" as Dataverse's PluginAssembly FullName carries it.</summary>
    public string FullName { get; }

    public string Name { get; }

    public IReadOnlySet<string> TypeNames { get; }

    public static PluginAssemblyInfo Read(string path)
    {
        if (!File.Exists(path))
            throw new PackagingException($"The plugin assembly {path} does not exist; build src/EmailConnector.Plugins first.");
        var identity = AssemblyName.GetAssemblyName(path);
        var token = identity.GetPublicKeyToken();
        if (token is null || token.Length == 0)
            throw new PackagingException($"{path} is not strong-name signed; Dataverse only registers signed plugin assemblies.");
        var fullName = $"{identity.Name}, Version={identity.Version}, Culture=neutral, PublicKeyToken={Convert.ToHexStringLower(token)}";

        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil)
                continue;
            var ns = metadata.GetString(type.Namespace);
            var name = metadata.GetString(type.Name);
            types.Add(ns.Length == 0 ? name : ns + "." + name);
        }
        return new PluginAssemblyInfo(path, fullName, identity.Name!, types);
    }
}
