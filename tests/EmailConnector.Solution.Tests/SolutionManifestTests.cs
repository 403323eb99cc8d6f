using System.Text;

namespace EmailConnector.Solution.Tests;

public class SolutionManifestTests
{
    private static readonly string[] ManifestOrder = ["UniqueName", "LocalizedNames", "Descriptions", "Version", "Managed", "Publisher", "RootComponents", "MissingDependencies"];
    private static readonly string[] PublisherOrder = ["UniqueName", "LocalizedNames", "Descriptions", "EMailAddress", "SupportingWebsiteUrl", "CustomizationPrefix", "CustomizationOptionValuePrefix", "Addresses"];

    [Theory]
    [InlineData(false, "0")]
    [InlineData(true, "1")]
    public void PackedSolutionXml_FollowsExportStructure(bool managed, string managedFlag)
    {
        var bytes = SolutionSource.Packed(managed)["solution.xml"];
        Assert.StartsWith("<ImportExportXml version=\"9.2.", Encoding.UTF8.GetString(bytes));
        var root = SolutionSource.PackedXml(managed, "solution.xml");
        Assert.Equal("9.2", root.Attribute("SolutionPackageVersion")!.Value);
        Assert.Equal("CrmLive", root.Attribute("generatedBy")!.Value);

        var manifest = root.Element("SolutionManifest")!;
        Assert.Equal(ManifestOrder, manifest.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("EmailConnector", manifest.Element("UniqueName")!.Value);
        Assert.Equal("1.0.0.0", manifest.Element("Version")!.Value);
        Assert.Equal(managedFlag, manifest.Element("Managed")!.Value);
        Assert.False(manifest.Element("MissingDependencies")!.HasElements);

        var publisher = manifest.Element("Publisher")!;
        Assert.Equal(PublisherOrder, publisher.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("emailconnector", publisher.Element("UniqueName")!.Value);
        Assert.Equal("ec", publisher.Element("CustomizationPrefix")!.Value);
        Assert.Equal(["1", "2"], publisher.Element("Addresses")!.Elements("Address").Select(a => a.Element("AddressNumber")!.Value));
    }

    [Fact]
    public void SourceSolutionXml_IsSolutionPackagerBothSource()
    {
        Assert.Equal("2", SolutionSource.Load("Other/Solution.xml").Element("SolutionManifest")!.Element("Managed")!.Value);
    }

    [Fact]
    public void OptionValuePrefix_InRangeAndEveryCustomOptionUsesIt()
    {
        var prefix = int.Parse(SolutionSource.Load("Other/Solution.xml").Descendants("CustomizationOptionValuePrefix").Single().Value);
        Assert.InRange(prefix, 10000, 99999);
        var custom = SolutionSource.Files("Entities", "Entity.xml").Concat(SolutionSource.Files("OptionSets", "*.xml"))
            .SelectMany(f => System.Xml.Linq.XElement.Load(f).Descendants("optionset"))
            .Where(o => o.Element("OptionSetType")?.Value == "picklist")
            .SelectMany(o => o.Descendants("option").Select(op => int.Parse(op.Attribute("value")!.Value)))
            .Where(v => v > 100)
            .ToList();
        Assert.NotEmpty(custom);
        Assert.All(custom, v => Assert.InRange(v, prefix * 10000, prefix * 10000 + 9999));
    }

    [Fact]
    public void RootComponents_GroupedByTypeSortedAsStringsWithExpectedCounts()
    {
        var roots = SolutionSource.PackedXml(false, "solution.xml").Descendants("RootComponent").ToList();
        var types = roots.Select(r => r.Attribute("type")!.Value).ToList();
        Assert.Equal(types.Order(StringComparer.Ordinal), types);

        var byType = roots.GroupBy(r => r.Attribute("type")!.Value).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["1", "20", "61", "62", "80", "9", "91", "92"], byType.Keys);
        Assert.Equal(14, byType["1"].Count);
        Assert.Equal(3, byType["20"].Count);
        Assert.Equal(3, byType["61"].Count);
        Assert.Equal(3, byType["9"].Count);
        Assert.Single(byType["91"]);
        Assert.Equal(SolutionSource.Files("SdkMessageProcessingSteps", "*.xml").Count(), byType["92"].Count);
        Assert.All(roots, r => Assert.NotNull(r.Attribute("behavior")));

        foreach (var table in byType["1"])
        {
            var name = table.Attribute("schemaName")!.Value;
            Assert.Equal(name.StartsWith("ec_", StringComparison.Ordinal) ? "0" : "2", table.Attribute("behavior")!.Value);
        }
        var assembly = byType["91"][0];
        Assert.Equal("EmailConnector.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=bd84471df665b5c2", assembly.Attribute("schemaName")!.Value);
        Assert.NotNull(assembly.Attribute("id"));
    }

    [Fact]
    public void RootComponents_CoverEveryTableWebResourceRoleAndOptionSetInTheSource()
    {
        var roots = SolutionSource.Load("Other/Solution.xml").Descendants("RootComponent").ToList();
        string[] Names(string type) => roots.Where(r => r.Attribute("type")!.Value == type).Select(r => (r.Attribute("schemaName") ?? r.Attribute("id"))!.Value).Order().ToArray();

        Assert.Equal(SolutionSource.DeclaredColumns().Keys.Order().ToArray(), Names("1"));
        Assert.Equal(SolutionSource.Files("WebResources", "*.data.xml").Select(f => System.Xml.Linq.XElement.Load(f).Element("Name")!.Value).Order().ToArray(), Names("61"));
        Assert.Equal(SolutionSource.Files("Roles", "*.xml").Select(f => System.Xml.Linq.XElement.Load(f).Attribute("id")!.Value).Order().ToArray(), Names("20"));
        Assert.Equal(SolutionSource.Files("OptionSets", "*.xml").Select(f => System.Xml.Linq.XElement.Load(f).Attribute("Name")!.Value).Order().ToArray(), Names("9"));
        Assert.Equal(SolutionSource.Files("SdkMessageProcessingSteps", "*.xml").Select(f => System.Xml.Linq.XElement.Load(f).Attribute("SdkMessageProcessingStepId")!.Value).Order().ToArray(), Names("92"));
    }
}
