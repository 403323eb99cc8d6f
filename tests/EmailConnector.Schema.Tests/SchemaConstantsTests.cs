using System.Reflection;
using System.Xml.Linq;
using EmailConnector.Testing;

namespace EmailConnector.Schema.Tests;

/// <summary>Every constant and option value of EmailConnector.Schema exists in solution/EmailConnector exactly as written.</summary>
public class SchemaConstantsTests
{
    private static readonly Assembly Schema = typeof(SyncRequest).Assembly;

    public static TheoryData<string> TableClasses() => [.. Schema.GetTypes().Where(t => t.GetCustomAttribute<SchemaTableAttribute>() is not null).Select(t => t.Name)];

    public static TheoryData<string> OptionSetEnums() => [.. Schema.GetTypes().Where(t => t.GetCustomAttribute<SchemaOptionSetAttribute>() is not null).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TableClasses))]
    public void Columns_OfEveryTableClass_ExistInTheSolutionTables(string className)
    {
        var type = Schema.GetTypes().Single(t => t.Name == className);
        foreach (var table in type.GetCustomAttribute<SchemaTableAttribute>()!.Tables)
        {
            var entity = Entity(table);
            var columns = entity.Descendants("attribute").Select(a => a.Element("LogicalName")!.Value).ToHashSet(StringComparer.Ordinal);
            var keys = entity.Descendants("EntityKey").Select(k => k.Element("LogicalName")!.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var field in StringConstants(type))
            {
                var value = (string)field.GetRawConstantValue()!;
                if (field.Name == "EntityName")
                    Assert.Equal(table, value);
                else if (field.Name.EndsWith("AlternateKey", StringComparison.Ordinal))
                    Assert.True(keys.Contains(value), $"{className}.{field.Name} = '{value}' is not an alternate key of {table}.");
                else
                    Assert.True(columns.Contains(value), $"{className}.{field.Name} = '{value}' is not a column of {table} in the solution.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(OptionSetEnums))]
    public void Values_OfEveryOptionSetEnum_AreTheSolutionsOptions(string enumName)
    {
        var type = Schema.GetTypes().Single(t => t.Name == enumName);
        var target = type.GetCustomAttribute<SchemaOptionSetAttribute>()!;
        var optionSet = target.GlobalName is not null
            ? XElement.Load(Path.Combine(RepositoryPaths.Solution, "OptionSets", target.GlobalName + ".xml"))
            : Entity(target.Table!).Descendants("attribute").Single(a => a.Element("LogicalName")!.Value == target.Column).Element("optionset")!;
        var options = optionSet.Descendants("option").Select(o => int.Parse(o.Attribute("value")!.Value)).ToHashSet();
        var values = Enum.GetValues(type).Cast<int>().ToList();

        Assert.All(values, v => Assert.Contains(v, options));
        // A choice of our own is mirrored completely; on a system choice only the solution's added options are.
        Assert.Equal(options.Where(o => o >= 183500000).Order(), values.Where(v => v >= 183500000).Order());
    }

    [Fact]
    public void CustomApiNames_NameTheSolutionsApisParametersAndResponseProperties()
    {
        foreach (var api in typeof(CustomApiNames).GetNestedTypes())
        {
            var name = (string)api.GetField("Name")!.GetRawConstantValue()!;
            var folder = Path.Combine(RepositoryPaths.Solution, "customapis", name);
            Assert.True(File.Exists(Path.Combine(folder, "customapi.xml")), $"No custom API {name}.");
            var declared = StringConstants(api).Where(f => f.Name != "Name").ToList();
            var parameters = Names(folder, "customapirequestparameters");
            var properties = Names(folder, "customapiresponseproperties");
            Assert.Equal(parameters.Order(), declared.Where(f => f.Name.StartsWith("Request", StringComparison.Ordinal)).Select(Value).Order());
            Assert.Equal(properties.Order(), declared.Where(f => !f.Name.StartsWith("Request", StringComparison.Ordinal)).Select(Value).Order());
        }
        Assert.Equal(Directory.GetDirectories(Path.Combine(RepositoryPaths.Solution, "customapis")).Length, typeof(CustomApiNames).GetNestedTypes().Length);
    }

    private static IEnumerable<FieldInfo> StringConstants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string));

    private static string Value(FieldInfo field) => (string)field.GetRawConstantValue()!;

    private static string[] Names(string folder, string sub) =>
        Directory.Exists(Path.Combine(folder, sub)) ? [.. Directory.GetDirectories(Path.Combine(folder, sub)).Select(d => Path.GetFileName(d)!)] : [];

    private static XElement Entity(string table)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Solution, "Entities"), "Entity.xml", SearchOption.AllDirectories))
        {
            var root = XElement.Load(file);
            var name = root.Element("EntityInfo")?.Element("entity")?.Attribute("Name")?.Value ?? root.Element("Name")!.Value;
            if (string.Equals(name, table, StringComparison.OrdinalIgnoreCase))
                return root;
        }
        throw new InvalidOperationException($"The solution has no Entities/*/Entity.xml for {table}.");
    }
}
