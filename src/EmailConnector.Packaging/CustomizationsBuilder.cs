using System.Xml.Linq;

namespace EmailConnector.Packaging;

/// <summary>
/// Folds the unpacked component files back into one customizations.xml, the way SolutionPackager packs them:
/// Other/Customizations.xml gives the containers in export order, and each container is filled from its folder.
/// </summary>
internal sealed class CustomizationsBuilder(string solutionFolder, bool managed)
{
    // Containers a 9.2 export only writes when they hold something (solution-samples README §2.4).
    private static readonly HashSet<string> DroppedWhenEmpty = new(StringComparer.Ordinal)
    {
        "EntityImageConfigs", "AttributeImageConfigs", "Dashboards", "WebResources", "SolutionPluginAssemblies",
        "SdkMessageProcessingSteps", "AppModuleSiteMaps", "AppModules", "EntityDataSources",
    };

    public XElement Build()
    {
        var root = XmlFiles.LoadFragment(Path.Combine(solutionFolder, "Other", "Customizations.xml"));
        if (root.Name != "ImportExportXml")
            throw new PackagingException("Other/Customizations.xml must have the root element ImportExportXml.");
        root.SetAttributeValue(XNamespace.Xmlns + "xsi", XmlFiles.Xsi.NamespaceName);

        Fill(root, "Entities", Entities());
        Fill(root, "Roles", Fragments("Roles", "*.xml"));
        Fill(root, "EntityRelationships", Relationships());
        Fill(root, "optionsets", Fragments("OptionSets", "*.xml"));
        Fill(root, "WebResources", Fragments("WebResources", "*.data.xml", SearchOption.AllDirectories)
            .OrderBy(e => (string?)e.Element("Name"), StringComparer.OrdinalIgnoreCase));
        Fill(root, "SolutionPluginAssemblies", Fragments("PluginAssemblies", "*.dll.data.xml", SearchOption.AllDirectories));
        Fill(root, "SdkMessageProcessingSteps", Fragments("SdkMessageProcessingSteps", "*.xml"));
        Fill(root, "AppModuleSiteMaps", Variants("AppModuleSiteMaps", "AppModuleSiteMap"));
        Fill(root, "AppModules", Variants("AppModules", "AppModule"));

        foreach (var container in root.Elements().ToList())
        {
            if (DroppedWhenEmpty.Contains(container.Name.LocalName) && !container.HasElements)
                container.Remove();
        }
        return root;
    }

    private static void Fill(XElement root, string container, IEnumerable<XElement> children)
    {
        var items = children.ToList();
        var element = root.Element(container);
        if (element is null)
        {
            if (items.Count > 0)
                throw new PackagingException($"Other/Customizations.xml has no <{container} /> placeholder, but the source has {items.Count} component(s) for it.");
            return;
        }
        if (element.HasElements)
            throw new PackagingException($"Other/Customizations.xml must keep <{container} /> empty; its content belongs in the component folders.");
        element.Add(items);
    }

    private IEnumerable<XElement> Fragments(string folder, string pattern, SearchOption option = SearchOption.TopDirectoryOnly)
    {
        var dir = Path.Combine(solutionFolder, folder);
        if (!Directory.Exists(dir))
            return [];
        return Directory.GetFiles(dir, pattern, option)
            .Where(f => !Path.GetFileNameWithoutExtension(f).EndsWith("_managed", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.OrdinalIgnoreCase)
            .Select(XmlFiles.LoadFragment);
    }

    /// <summary>App modules and site maps: SolutionPackager "Both" sources keep a _managed twin for the managed zip.</summary>
    private IEnumerable<XElement> Variants(string folder, string fileStem)
    {
        var dir = Path.Combine(solutionFolder, folder);
        if (!Directory.Exists(dir))
            yield break;
        foreach (var sub in Directory.GetDirectories(dir).OrderBy(d => d, StringComparer.OrdinalIgnoreCase))
            yield return XmlFiles.LoadFragment(PickVariant(Path.Combine(sub, fileStem + ".xml")));
    }

    private string PickVariant(string unmanagedPath)
    {
        if (!File.Exists(unmanagedPath))
            throw new PackagingException($"{unmanagedPath} is missing.");
        if (!managed)
            return unmanagedPath;
        var managedPath = Path.Combine(Path.GetDirectoryName(unmanagedPath)!, Path.GetFileNameWithoutExtension(unmanagedPath) + "_managed.xml");
        if (!File.Exists(managedPath))
            throw new PackagingException($"{managedPath} is missing: a source packed as managed needs the _managed twin of every form, app module and site map.");
        return managedPath;
    }

    private IEnumerable<XElement> Entities()
    {
        var dir = Path.Combine(solutionFolder, "Entities");
        if (!Directory.Exists(dir))
            yield break;
        foreach (var entityDir in Directory.GetDirectories(dir).OrderBy(d => Path.GetFileName(d), StringComparer.OrdinalIgnoreCase))
            yield return Entity(entityDir);
    }

    private XElement Entity(string entityDir)
    {
        var entity = XmlFiles.LoadFragment(Path.Combine(entityDir, "Entity.xml"));
        Replace(entity, "FormXml", Forms(entityDir));
        Replace(entity, "SavedQueries", Views(entityDir));
        var ribbonPath = Path.Combine(entityDir, "RibbonDiff.xml");
        if (!File.Exists(ribbonPath))
            throw new PackagingException($"{ribbonPath} is missing: every table in a solution carries a RibbonDiffXml, at least the empty skeleton.");
        var ribbon = entity.Element("RibbonDiffXml") ?? throw new PackagingException($"{entityDir}/Entity.xml has no <RibbonDiffXml /> placeholder.");
        ribbon.ReplaceWith(XmlFiles.LoadFragment(ribbonPath));
        return entity;
    }

    private static void Replace(XElement entity, string placeholder, XElement? content)
    {
        var element = entity.Element(placeholder);
        if (element is null)
        {
            if (content is not null)
                throw new PackagingException($"Entity {entity.Element("Name")?.Value} has {placeholder} files but no <{placeholder} /> placeholder in Entity.xml.");
            return;
        }
        if (content is null)
            element.Remove();
        else
            element.ReplaceWith(content);
    }

    private XElement? Forms(string entityDir)
    {
        var formDir = Path.Combine(entityDir, "FormXml");
        if (!Directory.Exists(formDir))
            return null;
        var formXml = new XElement("FormXml");
        foreach (var typeDir in Directory.GetDirectories(formDir).OrderBy(d => d, StringComparer.Ordinal))
        {
            var forms = new XElement("forms", new XAttribute("type", Path.GetFileName(typeDir)));
            var files = Directory.GetFiles(typeDir, "*.xml")
                .Where(f => !Path.GetFileNameWithoutExtension(f).EndsWith("_managed", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
                forms.Add(XmlFiles.LoadFragment(PickVariant(file)).Elements("systemform"));
            formXml.Add(forms);
        }
        return formXml;
    }

    private XElement? Views(string entityDir)
    {
        var viewDir = Path.Combine(entityDir, "SavedQueries");
        if (!Directory.Exists(viewDir))
            return null;
        var views = new XElement("savedqueries");
        foreach (var file in Directory.GetFiles(viewDir, "*.xml").OrderBy(f => f, StringComparer.OrdinalIgnoreCase))
            views.Add(XmlFiles.LoadFragment(file).Elements("savedquery"));
        return new XElement("SavedQueries", views);
    }

    private IEnumerable<XElement> Relationships()
    {
        var dir = Path.Combine(solutionFolder, "Other", "Relationships");
        var definitions = Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.xml").SelectMany(f => XmlFiles.LoadFragment(f).Elements("EntityRelationship")).ToList()
            : [];
        var indexPath = Path.Combine(solutionFolder, "Other", "Relationships.xml");
        var index = File.Exists(indexPath)
            ? XmlFiles.LoadFragment(indexPath).Elements("EntityRelationship").Select(e => (string)e.Attribute("Name")!).ToHashSet(StringComparer.Ordinal)
            : [];
        var defined = definitions.Select(e => (string)e.Attribute("Name")!).ToHashSet(StringComparer.Ordinal);
        if (!index.SetEquals(defined))
        {
            throw new PackagingException("Other/Relationships.xml and Other/Relationships/*.xml disagree: " +
                string.Join(", ", index.Except(defined).Select(n => n + " is listed but not defined").Concat(defined.Except(index).Select(n => n + " is defined but not listed"))));
        }
        return definitions.OrderBy(e => (string)e.Attribute("Name")!, StringComparer.OrdinalIgnoreCase);
    }
}
