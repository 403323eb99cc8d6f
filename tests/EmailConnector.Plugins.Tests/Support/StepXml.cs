using System.Xml.Linq;
using EmailConnector.Testing;

namespace EmailConnector.Plugins.Tests.Support;

/// <summary>
/// The step files under solution/EmailConnector/SdkMessageProcessingSteps and the plugin registration beside them, in
/// the unpacked (SolutionPackager) format of the reference exports, with the element order of the 9.x customizations
/// schema (SdkMessageId after Rank, as the 9.0 exports write it).
/// </summary>
public static class StepXml
{
    public const string AssemblySuffix = ", EmailConnector.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=bd84471df665b5c2";

    public static string Folder => Path.Combine(RepositoryPaths.Solution, "SdkMessageProcessingSteps");

    public static XElement PluginRegistration() =>
        XElement.Load(Directory.GetFiles(Path.Combine(RepositoryPaths.Solution, "PluginAssemblies"), "*.dll.data.xml", SearchOption.AllDirectories).Single());

    public static IReadOnlyDictionary<string, Guid> PluginTypeIds() =>
        PluginRegistration().Descendants("PluginType").ToDictionary(t => t.Attribute("Name")!.Value, t => Guid.Parse(t.Attribute("PluginTypeId")!.Value), StringComparer.Ordinal);

    public static IReadOnlyList<XElement> Files() =>
        Directory.Exists(Folder)
            ? [.. Directory.GetFiles(Folder, "*.xml").Order(StringComparer.Ordinal).Select(XElement.Load)]
            : [];

    public static string FileName(Guid stepId) => Path.Combine(Folder, "{" + stepId.ToString("D") + "}.xml");

    public static XElement Render(DeclaredStep declared, Guid pluginTypeId)
    {
        var step = declared.Step;
        var images = new XElement("SdkMessageProcessingStepImages");
        foreach (var image in declared.Images)
        {
            images.Add(new XElement("SdkMessageProcessingStepImage", new XAttribute("Name", image.Alias),
                new XElement("SdkMessageProcessingStepImageId", "{" + image.Id.ToString("D") + "}"),
                new XElement("Attributes", image.Attributes),
                new XElement("EntityAlias", image.Alias),
                new XElement("ImageType", (int)image.Type),
                new XElement("MessagePropertyName", image.MessagePropertyName),
                new XElement("IsCustomizable", 1)));
        }
        return new XElement("SdkMessageProcessingStep",
            new XAttribute("Name", declared.Name),
            new XAttribute("SdkMessageProcessingStepId", "{" + step.Id.ToString("D") + "}"),
            new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            new XElement("PluginTypeName", declared.PluginType.FullName + AssemblySuffix),
            new XElement("PluginTypeId", pluginTypeId.ToString("D")),
            new XElement("PrimaryEntity", step.Table),
            new XElement("AsyncAutoDelete", 0),
            new XElement("Description", declared.Name),
            new XElement("FilteringAttributes", step.FilteringAttributes),
            new XElement("InvocationSource", 0),
            new XElement("Mode", (int)step.Mode),
            new XElement("Rank", step.Rank),
            new XElement("SdkMessageId", SdkMessages.Ids[step.Message].ToString("D")),
            new XElement("EventHandlerTypeCode", 4602),
            new XElement("Stage", (int)step.Stage),
            new XElement("IsCustomizable", 1),
            new XElement("IsHidden", 0),
            new XElement("SupportedDeployment", 0),
            new XElement("IntroducedVersion", "1.0.0.0"),
            images);
    }

    /// <summary>Writes a step file as the exports do: UTF-8 with BOM, CRLF, two-space indent.</summary>
    public static void Write(XElement step, string path)
    {
        var settings = new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(true), Indent = true, IndentChars = "  ", NewLineChars = "\r\n" };
        using var writer = System.Xml.XmlWriter.Create(path, settings);
        new XDocument(new XDeclaration("1.0", "utf-8", null), step).Save(writer);
    }
}
