using System.Globalization;
using System.Xml.Linq;
using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.Pipeline;

namespace EmailConnector.Emulator.Metadata;

/// <summary>
/// Reads an unpacked solution (SolutionPackager / pac layout, dataverse.md §7.7) into the catalog: tables and columns
/// from Entities/*/Entity.xml, global choices from OptionSets/, relationships from Other/Relationships/ (and packed
/// &lt;EntityRelationships&gt; in Other/Customizations.xml), plugin types, steps and custom APIs. A missing folder means
/// "system tables only".
/// </summary>
public static class SolutionReader
{
    private static readonly string[] SystemLookupsToUser = ["createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby", "owninguser"];

    public static SolutionDefinition Read(string folder, MetadataCatalog catalog, SolutionReaderOptions? options = null)
    {
        options ??= new SolutionReaderOptions();
        if (!Directory.Exists(folder))
            return SolutionDefinition.Empty;

        var skipped = new List<string>();
        var manifest = LoadIfExists(Path.Combine(folder, "Other", "Solution.xml"));
        var customizations = LoadIfExists(Path.Combine(folder, "Other", "Customizations.xml"));

        foreach (var file in Files(folder, "OptionSets", "*.xml"))
            catalog.AddOptionSet(ReadOptionSet(XDocument.Load(file).Root!));
        foreach (var optionSet in customizations?.Root?.Element("optionsets")?.Elements("optionset") ?? [])
            catalog.AddOptionSet(ReadOptionSet(optionSet));

        var entityElements = Files(folder, "Entities", "Entity.xml", SearchOption.AllDirectories)
            .Select(f => XDocument.Load(f).Root!)
            .Concat(customizations?.Root?.Element("Entities")?.Elements("Entity") ?? [])
            .ToList();
        var relationships = Files(folder, Path.Combine("Other", "Relationships"), "*.xml")
            .SelectMany(f => XDocument.Load(f).Root!.Elements("EntityRelationship"))
            .Concat(customizations?.Root?.Element("EntityRelationships")?.Elements("EntityRelationship") ?? [])
            .Where(r => r.Element("EntityRelationshipType") is not null)
            .ToList();

        var lookupTargets = LookupTargetsFromRelationships(relationships);
        var pendingKeys = new List<(TableDefinition Table, AlternateKeyDefinition Key)>();
        // Tables first, columns second: a lookup may point at a solution table declared in a later file.
        var tables = entityElements.Select(e => (Element: e, Table: DeclareTable(e, catalog))).Where(t => t.Table is not null).ToList();
        foreach (var (element, table) in tables)
            ReadColumnsAndKeys(element, table!, catalog, lookupTargets, pendingKeys, skipped);
        foreach (var (table, key) in pendingKeys)
            table.AddKey(key);
        foreach (var relationship in relationships)
            ReadRelationship(relationship, catalog, skipped);

        var pluginAssemblies = Files(folder, "PluginAssemblies", "*.dll.data.xml", SearchOption.AllDirectories)
            .Select(f => XDocument.Load(f).Root!)
            .Concat(customizations?.Root?.Element("SolutionPluginAssemblies")?.Elements("PluginAssembly") ?? []);
        var pluginTypes = pluginAssemblies.SelectMany(ReadPluginTypes).ToList();

        var stepElements = Files(folder, "SdkMessageProcessingSteps", "*.xml")
            .Select(f => XDocument.Load(f).Root!)
            .Concat(customizations?.Root?.Element("SdkMessageProcessingSteps")?.Elements("SdkMessageProcessingStep") ?? []);
        var steps = stepElements.Select(s => ReadStep(s, options)).ToList();

        var customApis = Directory.Exists(Path.Combine(folder, "customapis"))
            ? Directory.GetDirectories(Path.Combine(folder, "customapis")).OrderBy(d => d, StringComparer.Ordinal).Select(ReadCustomApi).ToList()
            : [];

        var solutionManifest = manifest?.Root?.Element("SolutionManifest");
        return new SolutionDefinition
        {
            UniqueName = solutionManifest?.Element("UniqueName")?.Value,
            Version = solutionManifest?.Element("Version")?.Value,
            PluginTypes = pluginTypes,
            Steps = steps,
            CustomApis = customApis,
            SkippedComponents = skipped,
        };
    }

    private static XDocument? LoadIfExists(string path) => File.Exists(path) ? XDocument.Load(path) : null;

    private static IEnumerable<string> Files(string folder, string sub, string pattern, SearchOption option = SearchOption.TopDirectoryOnly)
    {
        var path = Path.Combine(folder, sub);
        return Directory.Exists(path)
            ? Directory.GetFiles(path, pattern, option).OrderBy(f => f, StringComparer.Ordinal)
            : [];
    }

    private static OptionSetDefinition ReadOptionSet(XElement optionSet) =>
        new(optionSet.Attribute("Name")!.Value, ReadOptions(optionSet));

    private static Dictionary<int, string> ReadOptions(XElement optionSet)
    {
        var options = new Dictionary<int, string>();
        foreach (var option in optionSet.Element("options")?.Elements("option") ?? [])
            options[Int(option.Attribute("value")!.Value)] = Label(option);
        return options;
    }

    private static string Label(XElement element) =>
        element.Element("labels")?.Elements("label").FirstOrDefault()?.Attribute("description")?.Value ?? string.Empty;

    private static Dictionary<(string Table, string Column), List<string>> LookupTargetsFromRelationships(IEnumerable<XElement> relationships)
    {
        var targets = new Dictionary<(string, string), List<string>>();
        foreach (var r in relationships.Where(r => r.Element("EntityRelationshipType")!.Value == "OneToMany"))
        {
            var key = (Lower(r.Element("ReferencingEntityName")!.Value), Lower(r.Element("ReferencingAttributeName")!.Value));
            if (!targets.TryGetValue(key, out var list))
                targets[key] = list = [];
            var target = Lower(r.Element("ReferencedEntityName")!.Value);
            if (!list.Contains(target))
                list.Add(target);
        }
        return targets;
    }

    private static XElement? EntityInfo(XElement entityRoot)
    {
        var entity = entityRoot.Element("EntityInfo")?.Element("entity");
        return entity is null || entity.Attribute("unmodified")?.Value == "1" ? null : entity;
    }

    private static TableDefinition? DeclareTable(XElement entityRoot, MetadataCatalog catalog)
    {
        if (EntityInfo(entityRoot) is not { } entity)
            return null;
        var logicalName = Lower(entity.Attribute("Name")?.Value ?? entityRoot.Element("Name")!.Value);
        if (catalog.FindTable(logicalName) is { } existing)
            return existing;
        var attributes = entity.Element("attributes")?.Elements("attribute").ToList() ?? [];
        var primaryId = attributes.FirstOrDefault(a => a.Element("Type")?.Value == "primarykey")
            ?? throw new InvalidOperationException($"Solution table '{logicalName}' has no primarykey attribute.");
        var primaryName = attributes.FirstOrDefault(a => (a.Element("DisplayMask")?.Value ?? string.Empty).Split('|').Contains("PrimaryName"));
        var setName = entity.Element("EntitySetName")?.Value
            ?? throw new InvalidOperationException($"Solution table '{logicalName}' has no EntitySetName.");
        var table = new TableDefinition(logicalName, setName, AttributeName(primaryId), primaryName is null ? null : AttributeName(primaryName))
        {
            Ownership = entity.Element("OwnershipTypeMask")?.Value switch
            {
                "OrgOwned" => OwnershipType.OrganizationOwned,
                "None" => OwnershipType.None,
                _ => OwnershipType.UserOwned,
            },
            IsActivity = entity.Element("IsActivity")?.Value == "1",
            IsCustom = true,
        };
        if (table.IsActivity)
            throw new NotSupportedException($"Solution table '{logicalName}' is an activity table; custom activity tables are not emulated.");
        catalog.AddTable(table);
        AddPlatformColumns(table);
        return table;
    }

    private static void ReadColumnsAndKeys(
        XElement entityRoot,
        TableDefinition table,
        MetadataCatalog catalog,
        Dictionary<(string, string), List<string>> lookupTargets,
        List<(TableDefinition, AlternateKeyDefinition)> pendingKeys,
        List<string> skipped)
    {
        var entity = EntityInfo(entityRoot)!;
        foreach (var attribute in entity.Element("attributes")?.Elements("attribute") ?? [])
            ReadAttribute(attribute, table, catalog, lookupTargets, skipped);
        foreach (var key in entity.Element("EntityKeys")?.Elements("EntityKey") ?? [])
        {
            var name = key.Element("LogicalName")?.Value ?? Lower(key.Element("Name")!.Value);
            var columns = key.Element("EntityKeyAttributes")!.Elements("AttributeName").Select(a => Lower(a.Value)).ToList();
            pendingKeys.Add((table, new AlternateKeyDefinition(name, columns)));
        }
    }

    // The platform adds these to every custom table; exports list most of them, and a hand-written solution may not.
    private static void AddPlatformColumns(TableDefinition table)
    {
        var builder = new TableBuilder(table);
        builder.SystemColumns();
        if (table.Ownership == OwnershipType.UserOwned)
            builder.Ownership();
    }

    private static void ReadAttribute(
        XElement attribute,
        TableDefinition table,
        MetadataCatalog catalog,
        Dictionary<(string, string), List<string>> lookupTargets,
        List<string> skipped)
    {
        var name = AttributeName(attribute);
        var typeName = attribute.Element("Type")?.Value
            ?? throw new InvalidOperationException($"Attribute '{table.LogicalName}.{name}' has no Type.");
        var create = attribute.Element("ValidForCreateApi")?.Value != "0";
        var update = attribute.Element("ValidForUpdateApi")?.Value != "0";
        var existing = table.FindColumn(name);

        ColumnDefinition column;
        switch (typeName)
        {
            case "primarykey":
                column = new ColumnDefinition(name, ColumnType.Uniqueidentifier) { ValidForCreate = true, ValidForUpdate = false };
                break;
            case "nvarchar":
            case "ntext":
            case "memo":
                column = new ColumnDefinition(name, typeName == "nvarchar" ? ColumnType.String : ColumnType.Memo)
                {
                    MaxLength = NullableInt(attribute.Element("MaxLength")?.Value), ValidForCreate = create, ValidForUpdate = update,
                };
                break;
            case "int":
                column = new ColumnDefinition(name, ColumnType.Integer)
                {
                    MinValue = NullableLong(attribute.Element("MinValue")?.Value), MaxValue = NullableLong(attribute.Element("MaxValue")?.Value),
                    ValidForCreate = create, ValidForUpdate = update,
                };
                break;
            case "bigint":
                column = new ColumnDefinition(name, ColumnType.BigInt) { ValidForCreate = create, ValidForUpdate = update };
                break;
            case "decimal":
                column = new ColumnDefinition(name, ColumnType.Decimal) { ValidForCreate = create, ValidForUpdate = update };
                break;
            case "float":
                column = new ColumnDefinition(name, ColumnType.Double) { ValidForCreate = create, ValidForUpdate = update };
                break;
            case "money":
                column = new ColumnDefinition(name, ColumnType.Money) { ValidForCreate = create, ValidForUpdate = update };
                break;
            case "bit":
                column = new ColumnDefinition(name, ColumnType.Boolean) { ValidForCreate = create, ValidForUpdate = update };
                break;
            case "datetime":
                column = new ColumnDefinition(name, ColumnType.DateTime)
                {
                    DateTimeBehavior = (DateTimeBehavior)(NullableInt(attribute.Element("Behavior")?.Value) ?? 1),
                    ValidForCreate = create, ValidForUpdate = update,
                };
                break;
            case "uniqueidentifier":
                column = new ColumnDefinition(name, ColumnType.Uniqueidentifier) { ValidForCreate = create, ValidForUpdate = update };
                break;
            case "entityname":
                column = new ColumnDefinition(name, ColumnType.EntityName) { ValidForCreate = create, ValidForUpdate = update };
                break;
            case "picklist":
            case "multiselectpicklist":
                column = ReadChoice(attribute, name, typeName == "picklist" ? ColumnType.Picklist : ColumnType.MultiSelectPicklist, catalog, existing, create, update);
                break;
            case "state":
            case "status":
                if (typeName == "status")
                    ReadStateModel(attribute, table);
                return;
            case "lookup":
            case "customer":
            case "owner":
                var targets = ResolveLookupTargets(table.LogicalName, name, typeName, attribute, catalog, lookupTargets);
                var missing = targets.Where(t => catalog.FindTable(t) is null).ToList();
                if (targets.Count == 0 || missing.Count > 0)
                {
                    skipped.Add($"{table.LogicalName}.{name}: lookup target(s) {(missing.Count > 0 ? string.Join(", ", missing) : "unknown")} are not in the catalog");
                    return;
                }
                column = new ColumnDefinition(name, typeName switch { "customer" => ColumnType.Customer, "owner" => ColumnType.Owner, _ => ColumnType.Lookup })
                {
                    Targets = targets, ValidForCreate = create, ValidForUpdate = update,
                };
                break;
            case "virtual":
            case "managedproperty":
                skipped.Add($"{table.LogicalName}.{name}: {typeName} columns hold no data");
                return;
            default:
                throw new NotSupportedException($"Column '{table.LogicalName}.{name}' has type '{typeName}', which the emulator does not support.");
        }
        table.AddColumn(column);
    }

    private static ColumnDefinition ReadChoice(XElement attribute, string name, ColumnType type, MetadataCatalog catalog, ColumnDefinition? existing, bool create, bool update)
    {
        var globalName = attribute.Element("OptionSetName")?.Value;
        var inline = attribute.Element("optionset");
        Dictionary<int, string> options;
        if (!string.IsNullOrEmpty(globalName))
        {
            var global = catalog.FindOptionSet(globalName)
                ?? throw new InvalidOperationException($"Column '{name}' uses global choice '{globalName}', which the solution does not declare.");
            options = new Dictionary<int, string>(global.Options);
        }
        else
        {
            options = inline is null ? [] : ReadOptions(inline);
        }
        // A solution restating a system choice adds its options to the platform's (e.g. a new channel type).
        if (existing?.Options is not null)
        {
            foreach (var (value, label) in existing.Options)
                options.TryAdd(value, label);
        }
        return new ColumnDefinition(name, type)
        {
            Options = options, GlobalOptionSetName = string.IsNullOrEmpty(globalName) ? null : globalName,
            ValidForCreate = create, ValidForUpdate = update,
        };
    }

    private static void ReadStateModel(XElement statusAttribute, TableDefinition table)
    {
        var stateAttribute = statusAttribute.Parent!.Elements("attribute").FirstOrDefault(a => a.Element("Type")?.Value == "state")
            ?? throw new InvalidOperationException($"Table '{table.LogicalName}' declares statuscode without statecode.");
        var states = stateAttribute.Element("optionset")?.Element("states")?.Elements("state").ToList() ?? [];
        var statuses = statusAttribute.Element("optionset")?.Element("statuses")?.Elements("status").ToList() ?? [];
        if (states.Count == 0)
            return;
        var model = states.Select(s =>
        {
            var value = Int(s.Attribute("value")!.Value);
            return new StateDefinition(
                value,
                s.Attribute("invariantname")?.Value ?? Label(s),
                Int(s.Attribute("defaultstatus")!.Value),
                statuses.Where(st => Int(st.Attribute("state")!.Value) == value).Select(st => Int(st.Attribute("value")!.Value)).ToList());
        }).ToList();
        if (table.HasStateModel && !table.IsCustom)
        {
            // A system table restating its state model may add status reasons; keep the platform's defaults.
            model = table.States.Select(s =>
            {
                var added = model.FirstOrDefault(m => m.State == s.State)?.Statuses ?? [];
                return s with { Statuses = s.Statuses.Union(added).ToList() };
            }).ToList();
        }
        var builder = new TableBuilder(table);
        builder.States([.. model]);
    }

    private static List<string> ResolveLookupTargets(
        string table, string column, string typeName, XElement attribute, MetadataCatalog catalog,
        Dictionary<(string, string), List<string>> lookupTargets)
    {
        if (typeName == "owner")
            return ["systemuser", "team"];
        if (lookupTargets.TryGetValue((table, column), out var fromRelationships))
            return fromRelationships;
        if (SystemLookupsToUser.Contains(column))
            return ["systemuser"];
        if (column == "owningbusinessunit")
            return ["businessunit"];
        if (column == "owningteam")
            return ["team"];
        if (column == "organizationid")
            return ["organization"];
        var existing = catalog.FindTable(table)?.FindColumn(column);
        if (existing is not null && existing.Type.IsLookup())
            return [.. existing.Targets];
        var byTypeCode = (attribute.Element("LookupTypes")?.Elements("LookupType") ?? [])
            .Select(t => catalog.Tables.FirstOrDefault(x => x.ObjectTypeCode?.ToString(CultureInfo.InvariantCulture) == t.Value)?.LogicalName)
            .Where(n => n is not null)
            .Select(n => n!)
            .ToList();
        return byTypeCode;
    }

    private static void ReadRelationship(XElement r, MetadataCatalog catalog, List<string> skipped)
    {
        var name = r.Attribute("Name")!.Value;
        if (r.Element("EntityRelationshipType")!.Value == "ManyToMany")
        {
            ReadManyToMany(r, name, catalog);
            return;
        }
        var referencing = Lower(r.Element("ReferencingEntityName")!.Value);
        var referenced = Lower(r.Element("ReferencedEntityName")!.Value);
        var attribute = Lower(r.Element("ReferencingAttributeName")!.Value);
        var referencedTable = catalog.FindTable(referenced);
        var referencingTable = catalog.FindTable(referencing);
        if (referencedTable is null || referencingTable is null || !referencingTable.HasColumn(attribute))
        {
            skipped.Add($"relationship {name}: {referencing}.{attribute} → {referenced} is outside the catalog");
            return;
        }
        var roles = r.Element("EntityRelationshipRoles")?.Elements("EntityRelationshipRole").ToList() ?? [];
        catalog.AddRelationship(new OneToManyRelationship(name, referenced, referencedTable.PrimaryIdAttribute, referencing, attribute)
        {
            CascadeDelete = Enum.TryParse<CascadeType>(r.Element("CascadeDelete")?.Value, out var cascade) ? cascade : CascadeType.RemoveLink,
            CascadeAssign = Enum.TryParse<CascadeType>(r.Element("CascadeAssign")?.Value, out var assign) ? assign : CascadeType.NoCascade,
            ReferencingNavigationProperty = roles.FirstOrDefault(x => x.Element("RelationshipRoleType")?.Value == "1")?.Element("NavigationPropertyName")?.Value,
            ReferencedNavigationProperty = roles.FirstOrDefault(x => x.Element("RelationshipRoleType")?.Value == "0")?.Element("NavigationPropertyName")?.Value,
        });
    }

    private static void ReadManyToMany(XElement r, string name, MetadataCatalog catalog)
    {
        var first = Lower(r.Element("FirstEntityName")!.Value);
        var second = Lower(r.Element("SecondEntityName")!.Value);
        var intersect = Lower(r.Element("IntersectEntityName")!.Value);
        if (first == second)
            throw new NotSupportedException($"Self-referencing N:N relationship '{name}' is not emulated.");
        var firstTable = catalog.FindTable(first) ?? throw new InvalidOperationException($"N:N '{name}' names unknown table '{first}'.");
        var secondTable = catalog.FindTable(second) ?? throw new InvalidOperationException($"N:N '{name}' names unknown table '{second}'.");
        if (catalog.FindTable(intersect) is null)
        {
            // The platform creates the intersect table with one id column per side, named after each side's primary key.
            var table = new TableDefinition(intersect, intersect + "set", intersect + "id", null) { Ownership = OwnershipType.None, SupportsUpdate = false, IsCustom = true };
            new TableBuilder(table).Id(intersect + "id")
                .Id(firstTable.PrimaryIdAttribute)
                .Id(secondTable.PrimaryIdAttribute)
                .Column(new ColumnDefinition("versionnumber", ColumnType.BigInt) { ValidForCreate = false, ValidForUpdate = false });
            catalog.AddTable(table);
        }
        var roles = r.Element("EntityRelationshipRoles")?.Elements("EntityRelationshipRole").ToList() ?? [];
        catalog.AddRelationship(new ManyToManyRelationship(name, first, firstTable.PrimaryIdAttribute, second, secondTable.PrimaryIdAttribute, intersect)
        {
            Entity1NavigationProperty = roles.ElementAtOrDefault(0)?.Element("NavigationPropertyName")?.Value,
            Entity2NavigationProperty = roles.ElementAtOrDefault(1)?.Element("NavigationPropertyName")?.Value,
        });
    }

    private static IEnumerable<PluginTypeDefinition> ReadPluginTypes(XElement assembly)
    {
        var fullName = assembly.Attribute("FullName")!.Value;
        foreach (var type in assembly.Element("PluginTypes")?.Elements("PluginType") ?? [])
        {
            yield return new PluginTypeDefinition(
                Guid.Parse(type.Attribute("PluginTypeId")!.Value),
                type.Attribute("Name")!.Value,
                type.Attribute("AssemblyQualifiedName")!.Value,
                fullName);
        }
    }

    private static StepDefinition ReadStep(XElement step, SolutionReaderOptions options)
    {
        var name = step.Attribute("Name")?.Value ?? string.Empty;
        var messageId = Guid.Parse(step.Element("SdkMessageId")!.Value);
        if (!SdkMessageIds.Known.TryGetValue(messageId, out var message) && !options.MessageNamesById.TryGetValue(messageId, out message))
        {
            throw new NotSupportedException(
                $"Step '{name}' names sdkmessage {messageId}, whose message name is org-specific; pass it in SolutionReaderOptions.MessageNamesById.");
        }
        var pluginTypeName = step.Element("PluginTypeName")?.Value
            ?? throw new NotSupportedException($"Step '{name}' has no PluginTypeName (Power Fx steps are not emulated).");
        var primary = step.Element("PrimaryEntity")?.Value;
        return new StepDefinition(
            Guid.Parse(step.Attribute("SdkMessageProcessingStepId")!.Value),
            name,
            message,
            string.IsNullOrEmpty(primary) || primary == "none" ? null : Lower(primary),
            (PipelineStage)Int(step.Element("Stage")!.Value),
            (StepMode)Int(step.Element("Mode")?.Value ?? "0"),
            Int(step.Element("Rank")?.Value ?? "1"),
            pluginTypeName.Split(',')[0].Trim())
        {
            FilteringAttributes = SplitList(step.Element("FilteringAttributes")?.Value) ?? [],
            UnsecureConfiguration = NullIfEmpty(step.Element("Configuration")?.Value),
            PluginTypeId = step.Element("PluginTypeId") is { } id ? Guid.Parse(id.Value) : null,
            Images = (step.Element("SdkMessageProcessingStepImages")?.Elements("SdkMessageProcessingStepImage") ?? [])
                .Select(i => new StepImage(
                    i.Element("EntityAlias")!.Value,
                    (ImageType)Int(i.Element("ImageType")!.Value),
                    SplitList(i.Element("Attributes")?.Value),
                    i.Element("MessagePropertyName")?.Value ?? "Target"))
                .ToList(),
        };
    }

    private static CustomApiDefinition ReadCustomApi(string folder)
    {
        var api = XDocument.Load(Path.Combine(folder, "customapi.xml")).Root!;
        var plugin = api.Element("plugintypeid");
        var pluginId = plugin?.Element("plugintypeexportkey")?.Value ?? plugin?.Element("plugintypeid")?.Value
            ?? (plugin is not null && !plugin.HasElements ? NullIfEmpty(plugin.Value) : null);
        return new CustomApiDefinition(
            api.Attribute("uniquename")!.Value,
            (CustomApiBindingType)Int(api.Element("bindingtype")?.Value ?? "0"),
            NullIfEmpty(api.Element("boundentitylogicalname")?.Value),
            api.Element("isfunction")?.Value == "1")
        {
            IsPrivate = api.Element("isprivate")?.Value == "1",
            AllowedCustomProcessingStepType = Int(api.Element("allowedcustomprocessingsteptype")?.Value ?? "0"),
            ExecutePrivilegeName = NullIfEmpty(api.Element("executeprivilegename")?.Value),
            PluginTypeId = pluginId is null ? null : Guid.Parse(pluginId),
            RequestParameters = ReadFields(Path.Combine(folder, "customapirequestparameters"), "customapirequestparameter.xml", optional: true),
            ResponseProperties = ReadFields(Path.Combine(folder, "customapiresponseproperties"), "customapiresponseproperty.xml", optional: false),
        };
    }

    private static List<CustomApiField> ReadFields(string folder, string fileName, bool optional)
    {
        if (!Directory.Exists(folder))
            return [];
        return Directory.GetDirectories(folder).OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => XDocument.Load(Path.Combine(d, fileName)).Root!)
            .Select(x => new CustomApiField(
                x.Attribute("uniquename")!.Value,
                (CustomApiFieldType)Int(x.Element("type")!.Value),
                optional && x.Element("isoptional")?.Value == "1",
                NullIfEmpty(x.Element("logicalentityname")?.Value)))
            .ToList();
    }

    private static string AttributeName(XElement attribute) =>
        Lower(attribute.Element("LogicalName")?.Value ?? attribute.Element("Name")?.Value ?? attribute.Attribute("PhysicalName")!.Value);

    private static string Lower(string value) => value.Trim().ToLowerInvariant();

    private static int Int(string value) => int.Parse(value.Trim(), CultureInfo.InvariantCulture);

    private static int? NullableInt(string? value) => string.IsNullOrWhiteSpace(value) ? null : Int(value);

    private static long? NullableLong(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : long.Parse(value.Trim(), CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string>? SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Lower).ToList();
}
