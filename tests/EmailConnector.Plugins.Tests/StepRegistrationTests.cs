using System.Reflection;
using System.Xml.Linq;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Testing;

namespace EmailConnector.Plugins.Tests;

/// <summary>
/// The registration each step class declares and the solution's step XML say the same thing, in both directions, and
/// the plugin registration (.dll.data.xml) lists exactly the plugin types of the built assembly.
/// </summary>
public class StepRegistrationTests
{
    public static TheoryData<string> DeclaredStepTypes() => [.. StepDeclarations.All().Select(s => s.PluginType.FullName!)];

    [Theory]
    [MemberData(nameof(DeclaredStepTypes))]
    public void Declaration_OfEveryStep_MatchesItsStepXml(string typeName)
    {
        var declared = StepDeclarations.All().Single(s => s.PluginType.FullName == typeName);
        var path = StepXml.FileName(declared.Step.Id);
        Assert.True(File.Exists(path), $"{typeName} declares step {declared.Step.Id}, but {path} is missing.");
        var xml = XElement.Load(path);

        Assert.Equal(declared.Name, xml.Attribute("Name")!.Value);
        Assert.Equal(typeName + StepXml.AssemblySuffix, xml.Element("PluginTypeName")!.Value);
        Assert.Equal(StepXml.PluginTypeIds()[typeName], Guid.Parse(xml.Element("PluginTypeId")!.Value));
        Assert.Equal(declared.Step.Message, MessageName(xml));
        Assert.Equal(declared.Step.Table, xml.Element("PrimaryEntity")!.Value);
        Assert.Equal((int)declared.Step.Stage, int.Parse(xml.Element("Stage")!.Value));
        Assert.Equal((int)declared.Step.Mode, int.Parse(xml.Element("Mode")!.Value));
        Assert.Equal(declared.Step.Rank, int.Parse(xml.Element("Rank")!.Value));
        Assert.Equal(Set(declared.Step.FilteringAttributes), Set(xml.Element("FilteringAttributes")?.Value));
        Assert.Equal("4602", xml.Element("EventHandlerTypeCode")!.Value);

        var images = xml.Element("SdkMessageProcessingStepImages")?.Elements("SdkMessageProcessingStepImage").ToList() ?? [];
        Assert.Equal(declared.Images.Select(i => i.Alias).Order(), images.Select(i => i.Element("EntityAlias")!.Value).Order());
        foreach (var image in declared.Images)
        {
            var element = images.Single(i => i.Element("EntityAlias")!.Value == image.Alias);
            Assert.Equal(image.Id, Guid.Parse(element.Element("SdkMessageProcessingStepImageId")!.Value));
            Assert.Equal((int)image.Type, int.Parse(element.Element("ImageType")!.Value));
            Assert.Equal(Set(image.Attributes), Set(element.Element("Attributes")!.Value));
            Assert.Equal(image.MessagePropertyName, element.Element("MessagePropertyName")!.Value);
        }
    }

    [Fact]
    public void StepXml_EveryFile_IsDeclaredByAStepClass()
    {
        var declared = StepDeclarations.All().ToDictionary(s => s.Step.Id);
        var files = StepXml.Files();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var id = Guid.Parse(file.Attribute("SdkMessageProcessingStepId")!.Value);
            Assert.True(declared.ContainsKey(id), $"Step XML {id} ({file.Attribute("Name")?.Value}) has no [PluginStep] class.");
            Assert.Equal(declared[id].PluginType.FullName + StepXml.AssemblySuffix, file.Element("PluginTypeName")!.Value);
        }
        Assert.Equal(declared.Count, files.Count);
    }

    [Fact]
    public void Declarations_StepIdsAndImageIds_AreUnique()
    {
        var ids = StepDeclarations.All().SelectMany(s => s.Images.Select(i => i.Id).Prepend(s.Step.Id)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Declarations_ImagesAndFilters_FollowThePlatformRules()
    {
        foreach (var step in StepDeclarations.All())
        {
            // Dataverse: filtering attributes apply to Update; Create has no pre-image, Delete no post-image; async only at 40.
            if (step.Step.Message != "Update")
                Assert.Equal(string.Empty, step.Step.FilteringAttributes);
            Assert.DoesNotContain(step.Images, i => step.Step.Message == "Create" && i.Type != StepImageType.PostImage);
            Assert.DoesNotContain(step.Images, i => step.Step.Message == "Delete" && i.Type != StepImageType.PreImage);
            Assert.DoesNotContain(step.Images, i => i.Type != StepImageType.PreImage && step.Step.Stage != StepStage.PostOperation);
            Assert.All(step.Images, i => Assert.NotEmpty(Set(i.Attributes)));
            Assert.True(step.Step.Mode == StepMode.Synchronous, $"{step.Name}: queue rows are written in the user's transaction, so steps are synchronous.");
            Assert.True(step.PluginType.Name == TableFolder(step.Step.Table) + "On" + step.Step.Message + step.Step.Stage,
                $"{step.PluginType.Name} does not follow <Table>On<Message><Stage> for {step.Name} at {step.Step.Stage}.");
        }
    }

    [Fact]
    public void PluginRegistration_ListsExactlyThePluginTypesOfTheAssembly()
    {
        var registered = StepXml.PluginTypeIds().Keys.Order(StringComparer.Ordinal).ToList();
        var built = StepDeclarations.PluginTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(built, registered);
        Assert.All(StepDeclarations.PluginTypes(), t => Assert.True(
            t.GetCustomAttribute<PluginStepAttribute>() is not null || t.GetCustomAttributes<CustomApiHandlerAttribute>().Any(),
            $"{t.FullName} declares neither a step nor a custom API."));
    }

    [Fact]
    public void CustomApis_PluginTypes_AreTheHandlersThatDeclareThem()
    {
        var idsByName = StepXml.PluginTypeIds();
        var typeById = idsByName.ToDictionary(p => p.Value, p => p.Key);
        var apis = Directory.GetFiles(Path.Combine(RepositoryPaths.Solution, "customapis"), "customapi.xml", SearchOption.AllDirectories).Select(XElement.Load).ToList();
        var handlers = StepDeclarations.PluginTypes()
            .SelectMany(t => t.GetCustomAttributes<CustomApiHandlerAttribute>().Select(a => (Api: a.UniqueName, Type: t.FullName!)))
            .ToList();

        foreach (var api in apis)
        {
            var name = api.Attribute("uniquename")!.Value;
            var typeId = Guid.Parse(api.Element("plugintypeid")!.Element("plugintypeexportkey")!.Value);
            Assert.Contains((name, typeById[typeId]), handlers);
        }
        Assert.Equal(apis.Count, handlers.Count);
    }

    private static string MessageName(XElement step)
    {
        var id = Guid.Parse(step.Element("SdkMessageId")!.Value);
        return SdkMessages.Ids.Single(p => p.Value == id).Key;
    }

    private static string TableFolder(string table) => table switch
    {
        "campaignactivity" => "CampaignActivity",
        "list" => "List",
        _ => char.ToUpperInvariant(table[0]) + table[1..],
    };

    private static SortedSet<string> Set(string? list) =>
        new((list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
