using System.Text;
using System.Xml.Linq;
using EmailConnector.Packaging;
using EmailConnector.Testing;

namespace EmailConnector.Solution.Tests;

/// <summary>The solution source folder and its packed zips, read once per test run.</summary>
internal static class SolutionSource
{
    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> UnmanagedEntries = new(() => Pack(false));
    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> ManagedEntries = new(() => Pack(true));

    public static string Folder => RepositoryPaths.Solution;

    public static IReadOnlyDictionary<string, byte[]> Packed(bool managed) => managed ? ManagedEntries.Value : UnmanagedEntries.Value;

    public static XElement PackedXml(bool managed, string path) => XElement.Parse(Encoding.UTF8.GetString(Packed(managed)[path]));

    public static XElement Load(string relativePath) => XElement.Load(Path.Combine(Folder, relativePath));

    public static IEnumerable<string> Files(string relativeFolder, string pattern) =>
        Directory.GetFiles(Path.Combine(Folder, relativeFolder), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Tables defined or extended by the solution: logical name → column logical names it declares.</summary>
    public static IReadOnlyDictionary<string, HashSet<string>> DeclaredColumns()
    {
        var tables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Files("Entities", "Entity.xml"))
        {
            var entity = XElement.Load(file).Element("EntityInfo")!.Element("entity")!;
            tables[entity.Attribute("Name")!.Value.ToLowerInvariant()] = entity.Element("attributes")!.Elements("attribute")
                .Select(a => a.Element("LogicalName")!.Value).ToHashSet(StringComparer.Ordinal);
        }
        return tables;
    }

    private static IReadOnlyDictionary<string, byte[]> Pack(bool managed)
    {
        // The custom API plugin classes arrive with the plugin work; the packer tolerates their absence here only.
        var packer = new SolutionPacker(new PackOptions(Folder, [PluginBuildOutput.AssemblyPath(typeof(SolutionSource).Assembly)], AllowMissingPluginTypes: true));
        return packer.BuildEntries(managed).ToDictionary(e => e.Path, e => e.Content);
    }
}
