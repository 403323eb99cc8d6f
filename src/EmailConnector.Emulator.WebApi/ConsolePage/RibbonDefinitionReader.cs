using System.Globalization;
using System.Xml.Linq;

namespace EmailConnector.Emulator.WebApi.ConsolePage;

/// <summary>A parameter of a JavaScript function or custom rule: CrmParameter, StringParameter, BoolParameter, …</summary>
internal sealed record RibbonParameter(string Kind, string Value);

/// <summary>One rule element inside an enable or display rule (FormStateRule, CustomRule, ValueRule, …) with its attributes.</summary>
internal sealed record RibbonCondition(string Kind, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<RibbonParameter> Parameters, string? LibraryUrl);

/// <summary>
/// An enable or display rule a command names. <see cref="Defined"/> is false for rules the diff does not define
/// (Microsoft's <c>Mscrm.*</c> rules): their definition lives in the platform ribbon, which the console does not have.
/// </summary>
internal sealed record RibbonRule(string Id, bool Defined, IReadOnlyList<RibbonCondition> Conditions);

/// <summary>An action of a command; only JavaScriptFunction actions carry a function and a library.</summary>
internal sealed record RibbonAction(string Kind, string? FunctionName, string? LibraryUrl, IReadOnlyList<RibbonParameter> Parameters);

internal sealed record RibbonCommand(string Id, IReadOnlyList<RibbonRule> EnableRules, IReadOnlyList<RibbonRule> DisplayRules, IReadOnlyList<RibbonAction> Actions);

internal sealed record RibbonButton(string Id, string Label, string? ToolTip, int Sequence, string Location, string? ModernImage, RibbonCommand Command);

/// <summary>The form command bar a solution adds to a table, in button order.</summary>
internal sealed record RibbonDefinition(string Entity, IReadOnlyList<RibbonButton> Buttons);

/// <summary>
/// Reads <c>Entities/&lt;Table&gt;/RibbonDiff.xml</c> of an unpacked solution into the form command bar: the buttons
/// of custom actions on <c>Mscrm.Form.&lt;table&gt;.*</c> locations with their commands, rules, actions and labels
/// (<c>$LocLabels:</c> resolved in English, 1033). Grid and subgrid locations are left out. Anything the console
/// could not show faithfully (hidden actions, controls other than buttons, a label or rule that is not defined)
/// fails the read naming it.
/// </summary>
internal static class RibbonDefinitionReader
{
    private const int English = 1033;
    private const string WebResourcePrefix = "$webresource:";
    private const string LocLabelPrefix = "$LocLabels:";

    public static RibbonDefinition Read(string solutionFolder, string entity, WebResourceCatalog webResources)
    {
        var path = RibbonPath(solutionFolder, entity)
            ?? throw new FileNotFoundException($"The solution has no RibbonDiff.xml for the table '{entity}'.");
        var root = XDocument.Load(path).Root ?? throw new InvalidDataException($"{path} is empty.");
        var labels = Labels(root);
        var rules = RuleDefinitions(root, webResources);
        var commands = root.Element("CommandDefinitions")?.Elements("CommandDefinition")
            .ToDictionary(c => Required(c, "Id"), c => Command(c, rules, webResources), StringComparer.Ordinal)
            ?? new Dictionary<string, RibbonCommand>(StringComparer.Ordinal);
        if (root.Element("HideCustomActions")?.HasElements == true)
            throw new NotSupportedException($"{path}: HideCustomAction is not shown by the emulator console.");

        var buttons = new List<RibbonButton>();
        var formLocation = $"Mscrm.Form.{entity}.";
        foreach (var action in root.Element("CustomActions")?.Elements("CustomAction") ?? [])
        {
            var location = Required(action, "Location");
            if (!location.StartsWith(formLocation, StringComparison.OrdinalIgnoreCase))
                continue;
            foreach (var control in action.Element("CommandUIDefinition")?.Elements() ?? [])
            {
                if (control.Name.LocalName != "Button")
                    throw new NotSupportedException($"{path}: the control <{control.Name.LocalName}> of custom action '{Required(action, "Id")}' is not shown by the emulator console (buttons only).");
                var commandId = Required(control, "Command");
                if (!commands.TryGetValue(commandId, out var command))
                    throw new InvalidDataException($"{path}: button '{Required(control, "Id")}' names the command '{commandId}', which the diff does not define.");
                var sequence = control.Attribute("Sequence")?.Value ?? action.Attribute("Sequence")?.Value ?? "0";
                buttons.Add(new RibbonButton(
                    Required(control, "Id"),
                    Label(control.Attribute("LabelText")?.Value, labels, path) ?? Required(control, "Id"),
                    Label(control.Attribute("ToolTipDescription")?.Value, labels, path),
                    int.Parse(sequence, CultureInfo.InvariantCulture),
                    location,
                    control.Attribute("ModernImage")?.Value,
                    command));
            }
        }
        return new RibbonDefinition(entity, [.. buttons.OrderBy(b => b.Sequence)]);
    }

    /// <summary>The URL a <c>$webresource:</c> library is served at; a library that is no web resource of the solution fails.</summary>
    public static string LibraryUrl(string library, WebResourceCatalog webResources)
    {
        if (!library.StartsWith(WebResourcePrefix, StringComparison.Ordinal))
            throw new NotSupportedException($"The library '{library}' is not a $webresource: reference; the emulator console loads only the solution's web resources.");
        var name = library[WebResourcePrefix.Length..];
        if (webResources.Find(name) is null)
            throw new InvalidDataException($"The library '{library}' names a web resource the solution does not contain.");
        return "/WebResources/" + name;
    }

    private static string? RibbonPath(string solutionFolder, string entity)
    {
        var entities = Path.Combine(solutionFolder, "Entities");
        if (!Directory.Exists(entities))
            return null;
        var folder = Directory.EnumerateDirectories(entities)
            .FirstOrDefault(d => string.Equals(Path.GetFileName(d), entity, StringComparison.OrdinalIgnoreCase));
        var file = folder is null ? null : Path.Combine(folder, "RibbonDiff.xml");
        return file is not null && File.Exists(file) ? file : null;
    }

    private static Dictionary<string, string> Labels(XElement root)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in root.Element("LocLabels")?.Elements("LocLabel") ?? [])
        {
            var title = label.Element("Titles")?.Elements("Title")
                .FirstOrDefault(t => t.Attribute("languagecode")?.Value == English.ToString(CultureInfo.InvariantCulture));
            if (title is not null)
                labels[Required(label, "Id")] = Required(title, "description");
        }
        return labels;
    }

    private static string? Label(string? text, Dictionary<string, string> labels, string path)
    {
        if (text is null || !text.StartsWith(LocLabelPrefix, StringComparison.Ordinal))
            return text;
        var id = text[LocLabelPrefix.Length..];
        return labels.TryGetValue(id, out var label)
            ? label
            : throw new InvalidDataException($"{path}: the label '{id}' has no English (1033) title.");
    }

    private static Dictionary<string, IReadOnlyList<RibbonCondition>> RuleDefinitions(XElement root, WebResourceCatalog webResources)
    {
        var rules = new Dictionary<string, IReadOnlyList<RibbonCondition>>(StringComparer.Ordinal);
        var definitions = root.Element("RuleDefinitions");
        foreach (var group in new[] { "EnableRules", "DisplayRules" })
        {
            foreach (var rule in definitions?.Element(group)?.Elements() ?? [])
                rules[Required(rule, "Id")] = [.. rule.Elements().Select(c => Condition(c, webResources))];
        }
        return rules;
    }

    private static RibbonCondition Condition(XElement element, WebResourceCatalog webResources)
    {
        var attributes = element.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal);
        var library = attributes.TryGetValue("Library", out var value) ? LibraryUrl(value, webResources) : null;
        return new RibbonCondition(element.Name.LocalName, attributes, Parameters(element), library);
    }

    private static RibbonCommand Command(XElement command, Dictionary<string, IReadOnlyList<RibbonCondition>> rules, WebResourceCatalog webResources)
    {
        RibbonRule Rule(XElement reference)
        {
            var id = Required(reference, "Id");
            return rules.TryGetValue(id, out var conditions) ? new RibbonRule(id, true, conditions) : new RibbonRule(id, false, []);
        }

        var actions = new List<RibbonAction>();
        foreach (var action in command.Element("Actions")?.Elements() ?? [])
        {
            actions.Add(action.Name.LocalName == "JavaScriptFunction"
                ? new RibbonAction("JavaScriptFunction", Required(action, "FunctionName"), LibraryUrl(Required(action, "Library"), webResources), Parameters(action))
                : new RibbonAction(action.Name.LocalName, null, null, []));
        }
        return new RibbonCommand(
            Required(command, "Id"),
            [.. command.Element("EnableRules")?.Elements("EnableRule").Select(Rule) ?? []],
            [.. command.Element("DisplayRules")?.Elements("DisplayRule").Select(Rule) ?? []],
            actions);
    }

    private static RibbonParameter[] Parameters(XElement element) =>
        [.. element.Elements().Select(p => new RibbonParameter(p.Name.LocalName, p.Attribute("Value")?.Value ?? string.Empty))];

    private static string Required(XElement element, string attribute) =>
        element.Attribute(attribute)?.Value
        ?? throw new InvalidDataException($"<{element.Name.LocalName}> has no {attribute} attribute.");
}
