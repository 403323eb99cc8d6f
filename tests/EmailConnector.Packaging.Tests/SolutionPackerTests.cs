using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using EmailConnector.Testing;

namespace EmailConnector.Packaging.Tests;

public class SolutionPackerTests
{
    private static readonly string PluginDll = PluginBuildOutput.AssemblyPath(typeof(SolutionPackerTests).Assembly);

    // The custom API plugin classes arrive with the plugin work; until then the real DLL lacks them.
    private static SolutionPacker Packer(string? folder = null, bool allowMissing = true) =>
        new(new PackOptions(folder ?? RepositoryPaths.Solution, [PluginDll], allowMissing));

    private static Dictionary<string, byte[]> Entries(bool managed, string? folder = null) =>
        Packer(folder).BuildEntries(managed).ToDictionary(e => e.Path, e => e.Content);

    private static XElement Xml(byte[] bytes) => XElement.Parse(Encoding.UTF8.GetString(bytes));

    [Fact]
    public void ZipFileName_Version1000_FollowsExportNaming()
    {
        var packer = Packer();
        Assert.Equal("EmailConnector_1_0_0_0.zip", packer.ZipFileName(false));
        Assert.Equal("EmailConnector_1_0_0_0_managed.zip", packer.ZipFileName(true));
    }

    [Fact]
    public void PackTo_Folder_WritesBothZipsWithRequiredRootFilesAndNoDirectoryEntries()
    {
        var output = Directory.CreateTempSubdirectory("ec-pack-").FullName;
        try
        {
            var zips = Packer().PackTo(output);

            Assert.Equal([Path.Combine(output, "EmailConnector_1_0_0_0.zip"), Path.Combine(output, "EmailConnector_1_0_0_0_managed.zip")], zips);
            foreach (var zip in zips)
            {
                using var archive = ZipFile.OpenRead(zip);
                var names = archive.Entries.Select(e => e.FullName).ToList();
                Assert.Equal(["customizations.xml", "[Content_Types].xml", "solution.xml"], names.Take(3));
                Assert.DoesNotContain(names, n => n.EndsWith('/') || n.Contains('\\'));
                Assert.Contains(names, n => n.StartsWith("PluginAssemblies/EmailConnectorPlugins-", StringComparison.Ordinal) && n.EndsWith("/EmailConnectorPlugins.dll", StringComparison.Ordinal));
                Assert.Contains("customapis/ec_PreviewTransfer/customapi.xml", names);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void BuildEntries_SameSource_ByteIdenticalZips()
    {
        byte[] Zip()
        {
            using var stream = new MemoryStream();
            SolutionPacker.WriteZip(Packer().BuildEntries(managed: true), stream);
            return stream.ToArray();
        }
        Assert.Equal(Zip(), Zip());
    }

    [Fact]
    public void BuildEntries_ManagedAndUnmanaged_SolutionXmlDiffersOnlyInManagedFlag()
    {
        var unmanaged = Encoding.UTF8.GetString(Entries(false)["solution.xml"]);
        var managed = Encoding.UTF8.GetString(Entries(true)["solution.xml"]);

        Assert.Contains("<Managed>0</Managed>", unmanaged);
        Assert.Contains("<Managed>1</Managed>", managed);
        Assert.Equal(unmanaged.Replace("<Managed>0</Managed>", "<Managed>1</Managed>"), managed);
    }

    [Fact]
    public void BuildEntries_RootXml_NoBomNoDeclarationCrlf()
    {
        foreach (var name in new[] { "solution.xml", "customizations.xml" })
        {
            var bytes = Entries(false)[name];
            Assert.Equal((byte)'<', bytes[0]);
            var text = Encoding.UTF8.GetString(bytes);
            Assert.StartsWith("<ImportExportXml", text);
            Assert.Contains("\r\n", text);
            Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        }
    }

    [Fact]
    public void BuildEntries_Customizations_ContainersInExportOrderAndSourceFoldedIn()
    {
        var root = Xml(Entries(false)["customizations.xml"]);
        var order = new[]
        {
            "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships", "OrganizationSettings",
            "optionsets", "WebResources", "CustomControls", "SolutionPluginAssemblies", "AppModuleSiteMaps", "AppModules", "EntityDataProviders", "Languages",
        };
        Assert.Equal(order, root.Elements().Select(e => e.Name.LocalName));

        var syncRequest = root.Element("Entities")!.Elements("Entity").Single(e => e.Element("Name")!.Value == "ec_SyncRequest");
        Assert.Equal(["Name", "EntityInfo", "FormXml", "SavedQueries", "RibbonDiffXml"], syncRequest.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("main", syncRequest.Element("FormXml")!.Element("forms")!.Attribute("type")!.Value);
        Assert.True(syncRequest.Element("SavedQueries")!.Element("savedqueries")!.Elements("savedquery").Count() >= 6);
        Assert.Equal(3, root.Element("Roles")!.Elements("Role").Count());
        Assert.Equal(3, root.Element("WebResources")!.Elements("WebResource").Count());
        Assert.Single(root.Element("SolutionPluginAssemblies")!.Elements("PluginAssembly"));
        Assert.DoesNotContain(root.DescendantsAndSelf().Skip(1).Attributes(), a => a.IsNamespaceDeclaration);
    }

    [Fact]
    public void BuildEntries_WebResourcesAndPluginDll_StoredAtTheirFileNamePaths()
    {
        var entries = Entries(false);
        var root = Xml(entries["customizations.xml"]);

        foreach (var resource in root.Element("WebResources")!.Elements("WebResource"))
        {
            var path = resource.Element("FileName")!.Value[1..];
            var source = Path.Combine(RepositoryPaths.Solution, "WebResources", resource.Element("Name")!.Value);
            Assert.Equal(File.ReadAllBytes(source), entries[path]);
        }
        var assembly = root.Element("SolutionPluginAssemblies")!.Element("PluginAssembly")!;
        Assert.Equal(File.ReadAllBytes(PluginDll), entries[assembly.Element("FileName")!.Value[1..]]);
    }

    [Fact]
    public void BuildEntries_CustomApiFiles_CopiedVerbatim()
    {
        var entries = Entries(true);
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.Solution, "customapis"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(sources);
        foreach (var file in sources)
            Assert.Equal(File.ReadAllBytes(file), entries[Path.GetRelativePath(RepositoryPaths.Solution, file).Replace('\\', '/')]);
    }

    [Fact]
    public void BuildEntries_ContentTypes_CoverEveryExtensionAndExtensionlessPart()
    {
        var entries = Entries(false);
        var types = XElement.Parse(Encoding.UTF8.GetString(entries["[Content_Types].xml"][3..]));
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        var defaults = types.Elements(ns + "Default").Select(d => d.Attribute("Extension")!.Value).ToHashSet();
        var overrides = types.Elements(ns + "Override").Select(o => o.Attribute("PartName")!.Value).ToHashSet();
        foreach (var path in entries.Keys.Where(k => k != "[Content_Types].xml"))
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            if (name.Contains('.'))
                Assert.Contains(name[(name.LastIndexOf('.') + 1)..], defaults);
            else
                Assert.Contains("/" + path, overrides);
        }
    }

    [Fact]
    public void BuildEntries_PluginTypeMissingFromDll_FailsNamingIt()
    {
        using var copy = new SolutionCopy();
        var dataXml = Directory.GetFiles(Path.Combine(copy.Path, "PluginAssemblies"), "*.dll.data.xml", SearchOption.AllDirectories).Single();
        var doc = XDocument.Load(dataXml);
        var types = doc.Root!.Element("PluginTypes")!;
        types.Elements().Remove();
        types.Add(new XElement("PluginType", new XAttribute("Name", "EmailConnector.Plugins.DoesNotExist")));
        doc.Save(dataXml);

        var ex = Assert.Throws<PackagingException>(() => Packer(copy.Path, allowMissing: false).BuildEntries(false));
        Assert.Contains("EmailConnector.Plugins.DoesNotExist", ex.Message);

        var lenient = Packer(copy.Path, allowMissing: true);
        lenient.BuildEntries(false);
        Assert.Contains(lenient.Warnings, w => w.Contains("EmailConnector.Plugins.DoesNotExist"));
    }

    [Fact]
    public void BuildEntries_RegisteredTokenDiffersFromDll_Fails()
    {
        using var copy = new SolutionCopy();
        var dataXml = Directory.GetFiles(Path.Combine(copy.Path, "PluginAssemblies"), "*.dll.data.xml", SearchOption.AllDirectories).Single();
        File.WriteAllText(dataXml, File.ReadAllText(dataXml).Replace("PublicKeyToken=bd84471df665b5c2", "PublicKeyToken=0000000000000000"));

        var ex = Assert.Throws<PackagingException>(() => Packer(copy.Path).BuildEntries(false));
        Assert.Contains("public key token must match", ex.Message);
    }

    [Fact]
    public void Constructor_UnsupportedComponentFolder_ThrowsNotSupported()
    {
        using var copy = new SolutionCopy();
        Directory.CreateDirectory(Path.Combine(copy.Path, "Workflows"));
        var ex = Assert.Throws<NotSupportedException>(() => Packer(copy.Path));
        Assert.Contains("Workflows", ex.Message);
    }

    [Fact]
    public void BuildEntries_ManagedWithoutFormTwin_Fails()
    {
        using var copy = new SolutionCopy();
        var twin = Directory.GetFiles(Path.Combine(copy.Path, "Entities"), "*_managed.xml", SearchOption.AllDirectories).First();
        File.Delete(twin);

        Packer(copy.Path).BuildEntries(managed: false);
        var ex = Assert.Throws<PackagingException>(() => Packer(copy.Path).BuildEntries(managed: true));
        Assert.Contains("_managed", ex.Message);
    }

    [Fact]
    public void BuildEntries_RelationshipIndexOutOfStep_Fails()
    {
        using var copy = new SolutionCopy();
        var index = Path.Combine(copy.Path, "Other", "Relationships.xml");
        File.WriteAllText(index, File.ReadAllText(index).Replace("</EntityRelationships>", "  <EntityRelationship Name=\"ec_ghost\" />\r\n</EntityRelationships>"));

        var ex = Assert.Throws<PackagingException>(() => Packer(copy.Path).BuildEntries(false));
        Assert.Contains("ec_ghost is listed but not defined", ex.Message);
    }

    private sealed class SolutionCopy : IDisposable
    {
        public SolutionCopy()
        {
            Path = Directory.CreateTempSubdirectory("ec-solution-").FullName;
            foreach (var file in Directory.GetFiles(RepositoryPaths.Solution, "*", SearchOption.AllDirectories))
            {
                var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(RepositoryPaths.Solution, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
