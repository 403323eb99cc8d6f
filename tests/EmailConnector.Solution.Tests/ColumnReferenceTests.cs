using System.Text.RegularExpressions;
using System.Xml.Linq;
using EmailConnector.Testing;

namespace EmailConnector.Solution.Tests;

public partial class ColumnReferenceTests
{
    private static readonly IReadOnlyDictionary<string, HashSet<string>> Declared = SolutionSource.DeclaredColumns();

    /// <summary>(table, column, where) for every column a form cell or a view's fetch/layout names.</summary>
    private static IEnumerable<(string Table, string Column, string Where)> References()
    {
        foreach (var form in SolutionSource.Files("Entities", "*.xml").Where(f => f.Contains($"{Path.DirectorySeparatorChar}FormXml{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var table = TableOf(form);
            foreach (var control in XElement.Load(form).Descendants("control"))
                yield return (table, control.Attribute("datafieldname")!.Value, form);
        }
        foreach (var view in SolutionSource.Files("Entities", "*.xml").Where(f => f.Contains($"{Path.DirectorySeparatorChar}SavedQueries{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var query = XElement.Load(view).Element("savedquery")!;
            var entity = query.Descendants("entity").Single();
            var table = entity.Attribute("name")!.Value;
            Assert.Equal(TableOf(view), table);
            foreach (var a in entity.Descendants().Where(e => e.Name == "attribute" || e.Name == "order" || e.Name == "condition"))
                yield return (table, a.Attribute(a.Name == "attribute" ? "name" : "attribute")!.Value, view);
            foreach (var cell in query.Descendants("cell"))
                yield return (table, cell.Attribute("name")!.Value, view);
        }
    }

    private static string TableOf(string file)
    {
        var dir = Path.GetDirectoryName(file)!;
        while (Path.GetFileName(Path.GetDirectoryName(dir)) != "Entities")
            dir = Path.GetDirectoryName(dir)!;
        return XElement.Load(Path.Combine(dir, "Entity.xml")).Element("EntityInfo")!.Element("entity")!.Attribute("Name")!.Value.ToLowerInvariant();
    }

    [Fact]
    public void FormsAndViews_EveryConnectorColumnExistsInItsTable()
    {
        var refs = References().ToList();
        Assert.NotEmpty(refs);
        var missing = refs.Where(r => IsSolutionColumn(r.Table, r.Column) && !Declared[r.Table].Contains(r.Column)).Select(r => $"{r.Table}.{r.Column} ({Path.GetFileName(r.Where)})").Distinct().ToList();
        Assert.True(missing.Count == 0, "Not declared: " + string.Join(", ", missing));
    }

    [SkippableFact]
    public void FormsAndViews_EverySystemColumnExistsInDataverse()
    {
        var catalog = SystemCatalog(File.ReadAllText(SharedReference.PathOf("dataverse-tables.md")));
        var missing = References()
            .Where(r => !IsSolutionColumn(r.Table, r.Column) && !Common.Contains(r.Column))
            .Where(r => !catalog.TryGetValue(r.Table, out var columns) || !columns.Contains(r.Column))
            .Select(r => $"{r.Table}.{r.Column}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Not in dataverse-tables.md: " + string.Join(", ", missing));
    }

    // Columns every table has (Dataverse adds them); the reference lists only the marketing-relevant ones.
    private static readonly HashSet<string> Common = ["createdon", "modifiedon", "statecode", "statuscode", "ownerid"];

    private static bool IsSolutionColumn(string table, string column) => table.StartsWith("ec_", StringComparison.Ordinal) || column.StartsWith("ec_", StringComparison.Ordinal);

    private static Dictionary<string, HashSet<string>> SystemCatalog(string markdown)
    {
        var catalog = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string>? current = null;
        foreach (var line in markdown.Split('\n'))
        {
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                current = catalog[heading.Groups[1].Value] = [];
                continue;
            }
            var row = Row().Match(line);
            if (current is null || !row.Success)
                continue;
            // Rows like "firstname, lastname", "emailaddress1 (2, 3)" or "scheduledstart/-end" name several columns.
            var cellText = row.Groups[1].Value;
            foreach (Match name in ColumnName().Matches(cellText))
                current.Add(name.Value);
            foreach (Match range in StartEnd().Matches(cellText))
                current.Add(range.Groups[1].Value + "end");
            var numbered = Numbered().Match(cellText);
            if (numbered.Success)
                foreach (var n in numbered.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries))
                    current.Add(numbered.Groups[1].Value + n);
        }
        return catalog;
    }

    [GeneratedRegex(@"^## (\w+)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| ([^|]+) \|")]
    private static partial Regex Row();

    [GeneratedRegex(@"[a-z][a-z0-9]+")]
    private static partial Regex ColumnName();

    [GeneratedRegex(@"([a-z]+)start/-end")]
    private static partial Regex StartEnd();

    [GeneratedRegex(@"([a-z]+)\d \(([\d, ]+)\)")]
    private static partial Regex Numbered();
}
