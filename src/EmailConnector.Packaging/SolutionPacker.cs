using System.IO.Compression;
using System.Xml.Linq;

namespace EmailConnector.Packaging;

/// <summary>
/// Packs an unpacked solution (SolutionPackager "Both" source) into the unmanaged and managed zips Dataverse imports,
/// in the layout of real 9.2 exports: customizations.xml, [Content_Types].xml, solution.xml, then the component files.
/// </summary>
public sealed class SolutionPacker
{
    public const string CustomizationsFile = "customizations.xml";
    public const string SolutionFile = "solution.xml";

    // Entries carry one fixed time so that packing the same source twice gives the same bytes.
    private static readonly DateTimeOffset EntryTime = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<string> KnownFolders = new(StringComparer.Ordinal)
    {
        "Other", "Entities", "OptionSets", "Roles", "WebResources", "PluginAssemblies", "SdkMessageProcessingSteps",
        "AppModules", "AppModuleSiteMaps", "customapis",
    };

    private readonly PackOptions _options;
    private readonly List<string> _warnings = [];

    public SolutionPacker(PackOptions options)
    {
        _options = options;
        if (!Directory.Exists(options.SolutionFolder))
            throw new PackagingException($"The solution folder {options.SolutionFolder} does not exist.");
        foreach (var dir in Directory.GetDirectories(options.SolutionFolder).Select(Path.GetFileName))
        {
            if (!KnownFolders.Contains(dir!))
                throw new NotSupportedException($"The solution folder '{dir}' is not supported by the packer (supported: {string.Join(", ", KnownFolders.Order())}).");
        }
        var manifest = XmlFiles.LoadFragment(Path.Combine(options.SolutionFolder, "Other", "Solution.xml")).Element("SolutionManifest")
            ?? throw new PackagingException("Other/Solution.xml has no SolutionManifest.");
        UniqueName = manifest.Element("UniqueName")?.Value ?? throw new PackagingException("Other/Solution.xml has no UniqueName.");
        Version = manifest.Element("Version")?.Value ?? throw new PackagingException("Other/Solution.xml has no Version.");
        if (manifest.Element("Managed")?.Value != "2")
            throw new PackagingException("Other/Solution.xml must say <Managed>2</Managed> (a SolutionPackager \"Both\" source) to pack managed and unmanaged zips.");
    }

    public string UniqueName { get; }

    public string Version { get; }

    /// <summary>Plugin types registered but missing from their DLL, when <see cref="PackOptions.AllowMissingPluginTypes"/> let packing go on.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public string ZipFileName(bool managed) => $"{UniqueName}_{Version.Replace('.', '_')}{(managed ? "_managed" : "")}.zip";

    /// <summary>Writes both zips into <paramref name="outputFolder"/> and returns their paths (unmanaged first).</summary>
    public IReadOnlyList<string> PackTo(string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var paths = new List<string>();
        foreach (var managed in new[] { false, true })
        {
            var path = Path.Combine(outputFolder, ZipFileName(managed));
            using (var stream = File.Create(path))
                WriteZip(BuildEntries(managed), stream);
            paths.Add(path);
        }
        return paths;
    }

    public IReadOnlyList<PackageEntry> BuildEntries(bool managed)
    {
        var components = new List<PackageEntry>();
        components.AddRange(PluginAssemblyFiles());
        components.AddRange(WebResourceFiles());
        components.AddRange(CustomApiFiles());
        components.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

        var entries = new List<PackageEntry>
        {
            new(CustomizationsFile, XmlFiles.ToExportBytes(new CustomizationsBuilder(_options.SolutionFolder, managed).Build())),
        };
        var solution = SolutionXml(managed);
        var parts = new[] { CustomizationsFile, SolutionFile }.Concat(components.Select(c => c.Path));
        entries.Add(new PackageEntry(ContentTypes.FileName, ContentTypes.For(parts)));
        entries.Add(new PackageEntry(SolutionFile, solution));
        entries.AddRange(components);
        return entries;
    }

    public static void WriteZip(IEnumerable<PackageEntry> entries, Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in entries)
        {
            var zipEntry = zip.CreateEntry(entry.Path, CompressionLevel.Optimal);
            zipEntry.LastWriteTime = EntryTime;
            using var stream = zipEntry.Open();
            stream.Write(entry.Content);
        }
    }

    private byte[] SolutionXml(bool managed)
    {
        var root = XmlFiles.LoadFragment(Path.Combine(_options.SolutionFolder, "Other", "Solution.xml"));
        root.SetAttributeValue(XNamespace.Xmlns + "xsi", XmlFiles.Xsi.NamespaceName);
        root.Element("SolutionManifest")!.Element("Managed")!.Value = managed ? "1" : "0";
        return XmlFiles.ToExportBytes(root);
    }

    private IEnumerable<PackageEntry> PluginAssemblyFiles()
    {
        var dir = Path.Combine(_options.SolutionFolder, "PluginAssemblies");
        if (!Directory.Exists(dir))
            yield break;
        var built = _options.PluginAssemblies.Select(PluginAssemblyInfo.Read).ToDictionary(a => a.Name, StringComparer.Ordinal);
        foreach (var dataFile in Directory.GetFiles(dir, "*.dll.data.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var registration = XmlFiles.LoadFragment(dataFile);
            var fullName = (string?)registration.Attribute("FullName") ?? throw new PackagingException($"{dataFile} has no FullName.");
            var name = fullName.Split(',')[0].Trim();
            if (!built.TryGetValue(name, out var assembly))
                throw new PackagingException($"No built DLL was given for the plugin assembly {name} ({dataFile}).");
            if (!string.Equals(assembly.FullName, fullName, StringComparison.OrdinalIgnoreCase))
                throw new PackagingException($"The built {assembly.Path} is '{assembly.FullName}', but the solution registers '{fullName}'. Version and public key token must match.");
            CheckPluginTypes(registration, assembly);
            yield return new PackageEntry(ZipPath(registration.Element("FileName")?.Value, dataFile), File.ReadAllBytes(assembly.Path));
        }
    }

    private void CheckPluginTypes(XElement registration, PluginAssemblyInfo assembly)
    {
        var missing = registration.Descendants("PluginType")
            .Select(t => (string)t.Attribute("Name")!)
            .Where(n => !assembly.TypeNames.Contains(n))
            .ToList();
        if (missing.Count == 0)
            return;
        var message = $"{assembly.Name} does not contain the registered plugin type(s) {string.Join(", ", missing)}; Dataverse would reject the import.";
        if (!_options.AllowMissingPluginTypes)
            throw new PackagingException(message);
        _warnings.Add(message);
    }

    private IEnumerable<PackageEntry> WebResourceFiles()
    {
        var dir = Path.Combine(_options.SolutionFolder, "WebResources");
        if (!Directory.Exists(dir))
            yield break;
        foreach (var dataFile in Directory.GetFiles(dir, "*.data.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var content = dataFile[..^".data.xml".Length];
            if (!File.Exists(content))
                throw new PackagingException($"The web resource content {content} is missing beside its {Path.GetFileName(dataFile)}.");
            var resource = XmlFiles.LoadFragment(dataFile);
            yield return new PackageEntry(ZipPath(resource.Element("FileName")?.Value, dataFile), File.ReadAllBytes(content));
        }
    }

    private IEnumerable<PackageEntry> CustomApiFiles()
    {
        var dir = Path.Combine(_options.SolutionFolder, "customapis");
        if (!Directory.Exists(dir))
            yield break;
        foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return new PackageEntry(Path.GetRelativePath(_options.SolutionFolder, file).Replace('\\', '/'), File.ReadAllBytes(file));
    }

    private static string ZipPath(string? fileName, string declaredIn)
    {
        if (string.IsNullOrEmpty(fileName) || !fileName.StartsWith('/'))
            throw new PackagingException($"{declaredIn} needs a FileName that starts with '/', the path of the file inside the zip.");
        return fileName[1..];
    }
}
