using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EmailConnector.Solution.Tests;

public partial class RibbonTests
{
    private static XElement Ribbon(string table) => SolutionSource.Load($"Entities/{table}/RibbonDiff.xml");

    [Theory]
    [InlineData("CampaignActivity", "campaignactivity", new[] { "Request report", "Sync now", "Transfer recipients" })]
    [InlineData("List", "list", new[] { "Sync now" })]
    public void FormCommandBar_HasTheButtonsOnTheMainForm(string folder, string table, string[] labels)
    {
        var ribbon = Ribbon(folder);
        var actions = ribbon.Element("CustomActions")!.Elements("CustomAction").ToList();
        Assert.All(actions, a => Assert.Equal($"Mscrm.Form.{table}.MainTab.Save.Controls._children", a.Attribute("Location")!.Value));
        var locLabels = ribbon.Element("LocLabels")!.Elements("LocLabel").ToDictionary(l => l.Attribute("Id")!.Value, l => l.Descendants("Title").Single().Attribute("description")!.Value);
        var shown = actions.Select(a => a.Descendants("Button").Single().Attribute("LabelText")!.Value)
            .Select(t => t.StartsWith("$LocLabels:", StringComparison.Ordinal) ? locLabels[t["$LocLabels:".Length..]] : t)
            .Order();
        Assert.Equal(labels, shown);
    }

    [Theory]
    [InlineData("CampaignActivity")]
    [InlineData("List")]
    public void Commands_RulesAndLabelsAreDefined(string folder)
    {
        var ribbon = Ribbon(folder);
        Assert.Equal(["CustomActions", "Templates", "CommandDefinitions", "RuleDefinitions", "LocLabels"], ribbon.Elements().Select(e => e.Name.LocalName));
        var commands = ribbon.Element("CommandDefinitions")!.Elements("CommandDefinition").Select(c => c.Attribute("Id")!.Value).ToHashSet();
        var enableRules = ribbon.Element("RuleDefinitions")!.Element("EnableRules")!.Elements("EnableRule").Select(r => r.Attribute("Id")!.Value).ToHashSet();
        var displayRules = ribbon.Element("RuleDefinitions")!.Element("DisplayRules")!.Elements("DisplayRule").Select(r => r.Attribute("Id")!.Value).ToHashSet();
        var labels = ribbon.Element("LocLabels")!.Elements("LocLabel").Select(l => l.Attribute("Id")!.Value).ToHashSet();

        foreach (var button in ribbon.Descendants("Button"))
        {
            Assert.Contains(button.Attribute("Command")!.Value, commands);
            foreach (var attr in button.Attributes().Where(a => a.Value.StartsWith("$LocLabels:", StringComparison.Ordinal)))
                Assert.Contains(attr.Value["$LocLabels:".Length..], labels);
        }
        foreach (var command in ribbon.Element("CommandDefinitions")!.Elements("CommandDefinition"))
        {
            Assert.All(command.Element("EnableRules")!.Elements("EnableRule"), r => Assert.Contains(r.Attribute("Id")!.Value, enableRules));
            Assert.All(command.Element("DisplayRules")!.Elements("DisplayRule"), r => Assert.Contains(r.Attribute("Id")!.Value, displayRules));
            var function = command.Descendants("JavaScriptFunction").Single();
            Assert.Equal("PrimaryControl", function.Element("CrmParameter")!.Attribute("Value")!.Value);
        }
    }

    [Theory]
    [InlineData("CampaignActivity")]
    [InlineData("List")]
    public void JavaScript_EveryReferencedWebResourceAndFunctionExists(string folder)
    {
        var ribbon = Ribbon(folder);
        var calls = ribbon.Descendants().Where(e => e.Name == "JavaScriptFunction" || e.Name == "CustomRule").ToList();
        Assert.NotEmpty(calls);
        var webResources = SolutionSource.Files("WebResources", "*.data.xml").Select(f => XElement.Load(f).Element("Name")!.Value).ToHashSet();
        foreach (var call in calls)
        {
            var library = call.Attribute("Library")!.Value;
            Assert.StartsWith("$webresource:", library);
            var name = library["$webresource:".Length..];
            Assert.Contains(name, webResources);
            var script = File.ReadAllText(Path.Combine(SolutionSource.Folder, "WebResources", name));
            var function = call.Attribute("FunctionName")!.Value;
            var match = QualifiedFunction().Match(function);
            Assert.True(match.Success, function);
            Assert.Contains($"EmailConnector.{match.Groups[1].Value} = ", script);
            Assert.Matches($@"\b{match.Groups[2].Value}: {match.Groups[2].Value}\b", script);
        }
    }

    [Fact]
    public void WebResources_DataFileNamesFollowTheFlattenedExportName()
    {
        foreach (var file in SolutionSource.Files("WebResources", "*.data.xml"))
        {
            var resource = XElement.Load(file);
            var name = resource.Element("Name")!.Value;
            var id = Guid.Parse(resource.Element("WebResourceId")!.Value);
            Assert.Equal("/WebResources/" + name.Replace("/", "").Replace(".", "") + id.ToString().ToUpperInvariant(), resource.Element("FileName")!.Value);
            Assert.Equal(name.EndsWith(".js", StringComparison.Ordinal) ? "3" : "1", resource.Element("WebResourceType")!.Value);
            Assert.True(File.Exists(file[..^".data.xml".Length]), name);
        }
    }

    [GeneratedRegex(@"^EmailConnector\.(\w+)\.(\w+)$")]
    private static partial Regex QualifiedFunction();
}
