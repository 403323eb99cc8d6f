using System.Xml.Linq;

namespace EmailConnector.Worker.Reactions;

/// <summary>FetchXML of the write-back's reads: one query per page and table, never one per event.</summary>
internal static class ReactionQueries
{
    public static string In(string table, string column, IEnumerable<string> values, params string[] attributes)
    {
        var condition = new XElement("condition", new XAttribute("attribute", column), new XAttribute("operator", "in"));
        foreach (var value in values)
            condition.Add(new XElement("value", value));
        return new XElement("fetch",
            new XElement("entity", new XAttribute("name", table),
                attributes.Select(a => new XElement("attribute", new XAttribute("name", a))),
                new XElement("filter", condition))).ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// <see cref="In(string, string, IEnumerable{string}, string[])"/> limited to the rows of one platform account:
    /// two accounts' platforms may hand out the same list ids.
    /// </summary>
    public static string InAccount(string table, string column, IEnumerable<string> values, string accountColumn, Guid account, params string[] attributes)
    {
        var fetch = XElement.Parse(In(table, column, values, attributes));
        fetch.Element("entity")!.Element("filter")!.Add(new XElement("condition",
            new XAttribute("attribute", accountColumn), new XAttribute("operator", "eq"), new XAttribute("value", account.ToString("D"))));
        return fetch.ToString(SaveOptions.DisableFormatting);
    }
}
