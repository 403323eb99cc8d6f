using System.Globalization;
using System.Xml.Linq;
using EmailConnector.Schema;

namespace EmailConnector.Worker.Operations.Transfer;

/// <summary>
/// The FetchXML the transfer reads members with. Same members, columns and order as the preview
/// (EmailConnector.Plugins TransferPreview): static lists through listmember, dynamic lists through the list's own
/// query with its filters kept and its columns and orders replaced, ordered by the member id so paging is exact.
/// </summary>
internal static class MemberQueries
{
    public static string EntitySetOf(string table) => table switch
    {
        "account" => "accounts",
        "contact" => "contacts",
        "lead" => "leads",
        _ => throw new NotSupportedException($"Marketing list members of type '{table}' are not supported."),
    };

    public static string TableOf(int? createdFromCode) => createdFromCode switch
    {
        1 => "account",
        2 => "contact",
        4 => "lead",
        _ => throw new PermanentRequestException("A marketing list of this activity has no member type (account, contact or lead)."),
    };

    /// <summary>The columns consent screening reads; the same on account, contact and lead.</summary>
    public static readonly IReadOnlyList<string> ScreeningColumns =
        ["emailaddress1", "donotbulkemail", "donotemail", RecipientColumns.EmailInvalid, RecipientColumns.BounceCategory];

    public static string Static(string table, Guid listId, IEnumerable<string> columns, bool activeOnly)
    {
        var entity = Entity(table, columns, activeOnly);
        entity.Add(new XElement("link-entity",
            new XAttribute("name", "listmember"), new XAttribute("from", "entityid"), new XAttribute("to", table + "id"), new XAttribute("link-type", "inner"),
            new XElement("filter", Condition("listid", "eq", listId.ToString("D")))));
        return new XElement("fetch", entity).ToString(SaveOptions.DisableFormatting);
    }

    public static string? Dynamic(string table, string? listQuery, IEnumerable<string> columns, bool activeOnly)
    {
        if (string.IsNullOrWhiteSpace(listQuery))
            return null;
        var fetch = XElement.Parse(listQuery);
        var entity = fetch.Element("entity") ?? throw new PermanentRequestException("A dynamic marketing list of this activity has a query without an entity.");
        if (!string.Equals((string?)entity.Attribute("name"), table, StringComparison.OrdinalIgnoreCase))
            throw new PermanentRequestException($"A dynamic marketing list of this activity queries '{(string?)entity.Attribute("name")}' but lists {table} members.");
        entity.Elements().Where(e => e.Name == "attribute" || e.Name == "all-attributes" || e.Name == "order").Remove();
        foreach (var column in columns.Reverse())
            entity.AddFirst(new XElement("attribute", new XAttribute("name", column)));
        entity.Add(new XElement("order", new XAttribute("attribute", table + "id")));
        if (activeOnly)
            entity.Add(new XElement("filter", new XAttribute("type", "and"), Condition("statecode", "eq", "0")));
        foreach (var paging in new[] { "count", "page", "paging-cookie", "top" })
            fetch.Attribute(paging)?.Remove();
        return fetch.ToString(SaveOptions.DisableFormatting);
    }

    public static string Suppressions(IEnumerable<string> normalizedAddresses)
    {
        var values = new XElement("condition", new XAttribute("attribute", Suppression.EmailAddress), new XAttribute("operator", "in"));
        foreach (var address in normalizedAddresses)
            values.Add(new XElement("value", address));
        return new XElement("fetch",
            new XElement("entity", new XAttribute("name", Suppression.EntityName),
                Attribute(Suppression.EmailAddress), Attribute(Suppression.Reason),
                new XElement("filter", Condition(Suppression.StateCode, "eq", "0"), values))).ToString(SaveOptions.DisableFormatting);
    }

    public static string Unsubscribes(Guid activityId, IReadOnlyCollection<Guid> listIds)
    {
        var lists = new XElement("condition", new XAttribute("attribute", ListUnsubscribe.ListId), new XAttribute("operator", "in"));
        foreach (var id in listIds)
            lists.Add(new XElement("value", id.ToString("D")));
        return new XElement("fetch",
            new XElement("entity", new XAttribute("name", ListUnsubscribe.EntityName),
                Attribute(ListUnsubscribe.ContactId), Attribute(ListUnsubscribe.LeadId), Attribute(ListUnsubscribe.AccountId),
                new XElement("filter",
                    Condition(ListUnsubscribe.StateCode, "eq", "0"),
                    new XElement("filter", new XAttribute("type", "or"), Condition(ListUnsubscribe.CampaignActivityId, "eq", activityId.ToString("D")), lists))))
            .ToString(SaveOptions.DisableFormatting);
    }

    public static string Lists(IReadOnlyCollection<Guid> listIds)
    {
        var ids = new XElement("condition", new XAttribute("attribute", "listid"), new XAttribute("operator", "in"));
        foreach (var id in listIds)
            ids.Add(new XElement("value", id.ToString("D")));
        return new XElement("fetch",
            new XElement("entity", new XAttribute("name", "list"),
                Attribute("listid"), Attribute("listname"), Attribute("type"), Attribute("query"), Attribute("createdfromcode"),
                new XElement("filter", ids))).ToString(SaveOptions.DisableFormatting);
    }

    public static string ActivityItems(Guid activityId) => new XElement("fetch",
        new XElement("entity", new XAttribute("name", "campaignactivityitem"),
            Attribute("itemid"),
            new XElement("filter", Condition("campaignactivityid", "eq", activityId.ToString("D"))))).ToString(SaveOptions.DisableFormatting);

    public static string Mappings(Guid platformAccountId, int memberType) => new XElement("fetch",
        new XElement("entity", new XAttribute("name", DataMapping.EntityName),
            Attribute(DataMapping.CrmColumn), Attribute(DataMapping.PlatformField), Attribute(DataMapping.Direction),
            new XElement("filter",
                Condition("statecode", "eq", "0"),
                Condition(DataMapping.PlatformAccountId, "eq", platformAccountId.ToString("D")),
                Condition(DataMapping.MemberType, "eq", memberType.ToString(CultureInfo.InvariantCulture))))).ToString(SaveOptions.DisableFormatting);

    private static XElement Entity(string table, IEnumerable<string> columns, bool activeOnly)
    {
        var entity = new XElement("entity", new XAttribute("name", table));
        foreach (var column in columns)
            entity.Add(Attribute(column));
        entity.Add(new XElement("order", new XAttribute("attribute", table + "id")));
        if (activeOnly)
            entity.Add(new XElement("filter", Condition("statecode", "eq", "0")));
        return entity;
    }

    private static XElement Attribute(string name) => new("attribute", new XAttribute("name", name));

    private static XElement Condition(string attribute, string op, string value) =>
        new("condition", new XAttribute("attribute", attribute), new XAttribute("operator", op), new XAttribute("value", value));
}
