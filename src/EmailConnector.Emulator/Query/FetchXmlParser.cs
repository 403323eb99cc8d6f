using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace EmailConnector.Emulator.Query;

/// <summary>
/// Parses a FetchXML document (schema: Fetch.xsd) into the query syntax tree. Every attribute the schema allows is
/// either honoured, accepted as Dataverse ignores it (no-lock, mapping="logical", version, ui*), or refused with
/// NotSupportedException naming the feature.
/// </summary>
internal static class FetchXmlParser
{
    private static readonly Dictionary<string, QueryOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = QueryOperator.Equal,
        ["ne"] = QueryOperator.NotEqual,
        ["neq"] = QueryOperator.NotEqual,
        ["gt"] = QueryOperator.GreaterThan,
        ["ge"] = QueryOperator.GreaterEqual,
        ["lt"] = QueryOperator.LessThan,
        ["le"] = QueryOperator.LessEqual,
        ["like"] = QueryOperator.Like,
        ["not-like"] = QueryOperator.NotLike,
        ["begins-with"] = QueryOperator.BeginsWith,
        ["not-begin-with"] = QueryOperator.DoesNotBeginWith,
        ["ends-with"] = QueryOperator.EndsWith,
        ["not-end-with"] = QueryOperator.DoesNotEndWith,
        ["in"] = QueryOperator.In,
        ["not-in"] = QueryOperator.NotIn,
        ["between"] = QueryOperator.Between,
        ["not-between"] = QueryOperator.NotBetween,
        ["null"] = QueryOperator.Null,
        ["not-null"] = QueryOperator.NotNull,
        ["on"] = QueryOperator.On,
        ["not-on"] = QueryOperator.NotOn,
        ["on-or-after"] = QueryOperator.OnOrAfter,
        ["on-or-before"] = QueryOperator.OnOrBefore,
        ["yesterday"] = QueryOperator.Yesterday,
        ["today"] = QueryOperator.Today,
        ["tomorrow"] = QueryOperator.Tomorrow,
        ["last-seven-days"] = QueryOperator.Last7Days,
        ["next-seven-days"] = QueryOperator.Next7Days,
        ["last-month"] = QueryOperator.LastMonth,
        ["this-month"] = QueryOperator.ThisMonth,
        ["next-month"] = QueryOperator.NextMonth,
        ["last-year"] = QueryOperator.LastYear,
        ["this-year"] = QueryOperator.ThisYear,
        ["next-year"] = QueryOperator.NextYear,
        ["last-x-hours"] = QueryOperator.LastXHours,
        ["next-x-hours"] = QueryOperator.NextXHours,
        ["last-x-days"] = QueryOperator.LastXDays,
        ["next-x-days"] = QueryOperator.NextXDays,
        ["last-x-weeks"] = QueryOperator.LastXWeeks,
        ["next-x-weeks"] = QueryOperator.NextXWeeks,
        ["last-x-months"] = QueryOperator.LastXMonths,
        ["next-x-months"] = QueryOperator.NextXMonths,
        ["last-x-years"] = QueryOperator.LastXYears,
        ["next-x-years"] = QueryOperator.NextXYears,
        ["olderthan-x-minutes"] = QueryOperator.OlderThanXMinutes,
        ["olderthan-x-hours"] = QueryOperator.OlderThanXHours,
        ["olderthan-x-days"] = QueryOperator.OlderThanXDays,
        ["olderthan-x-weeks"] = QueryOperator.OlderThanXWeeks,
        ["olderthan-x-months"] = QueryOperator.OlderThanXMonths,
        ["olderthan-x-years"] = QueryOperator.OlderThanXYears,
    };

    public static QueryNode Parse(string fetchXml)
    {
        XElement fetch;
        try
        {
            fetch = XDocument.Parse(fetchXml).Root!;
        }
        catch (XmlException ex)
        {
            throw QueryErrors.InvalidQuery($"The FetchXML is not well-formed XML: {ex.Message}");
        }

        if (fetch.Name.LocalName != "fetch")
        {
            throw QueryErrors.InvalidQuery($"The FetchXML root element must be 'fetch', not '{fetch.Name.LocalName}'.");
        }

        CheckFetchAttributes(fetch);
        var entities = fetch.Elements().ToList();
        foreach (var child in entities.Where(e => e.Name.LocalName != "entity"))
        {
            throw child.Name.LocalName == "order"
                ? QueryErrors.Unsupported("FetchXML 'order' directly under 'fetch' (reports only)")
                : QueryErrors.InvalidQuery($"Unexpected element '{child.Name.LocalName}' under 'fetch'.");
        }

        if (entities.Count != 1)
        {
            throw QueryErrors.InvalidQuery("The FetchXML must contain exactly one 'entity' element.");
        }

        var entity = entities[0];
        CheckAttributes(entity, "entity", "name", "enableprefiltering", "prefilterparametername");
        RefuseTrue(entity, "enableprefiltering", "FetchXML prefiltering");
        var query = new QueryNode(Required(entity, "name"))
        {
            Source = QuerySource.FetchXml,
            Distinct = Bool(fetch, "distinct"),
            Top = Int(fetch, "top"),
            Paging = new PagingNode
            {
                Count = Int(fetch, "count"),
                PageNumber = Int(fetch, "page"),
                Cookie = (string?)fetch.Attribute("paging-cookie") is { Length: > 0 } cookie ? cookie : null,
                ReturnTotalRecordCount = Bool(fetch, "returntotalrecordcount"),
            },
        };

        var body = ParseBody(entity, isLink: false);
        query.Columns = body.Columns ?? ColumnSelection.AllColumns;
        query.Filter = body.Filter;
        query.Links.AddRange(body.Links);
        query.Orders.AddRange(body.Orders);
        return query;
    }

    private static void CheckFetchAttributes(XElement fetch)
    {
        CheckAttributes(
            fetch,
            "fetch",
            "version",
            "count",
            "page",
            "paging-cookie",
            "utc-offset",
            "aggregate",
            "distinct",
            "top",
            "mapping",
            "min-active-row-version",
            "output-format",
            "returntotalrecordcount",
            "no-lock");
        RefuseTrue(fetch, "aggregate", "FetchXML aggregate queries");
        RefuseTrue(fetch, "min-active-row-version", "FetchXML min-active-row-version");
        if (fetch.Attribute("output-format") is not null)
        {
            throw QueryErrors.Unsupported("FetchXML output-format");
        }

        if ((string?)fetch.Attribute("mapping") is { } mapping && mapping != "logical")
        {
            throw QueryErrors.Unsupported($"FetchXML mapping '{mapping}'");
        }

        if ((string?)fetch.Attribute("utc-offset") is { Length: > 0 })
        {
            throw QueryErrors.Unsupported("FetchXML utc-offset");
        }
    }

    private sealed class Body
    {
        public ColumnSelection? Columns { get; set; }

        public FilterNode? Filter { get; set; }

        public List<LinkNode> Links { get; } = [];

        public List<OrderNode> Orders { get; } = [];
    }

    private static Body ParseBody(XElement element, bool isLink)
    {
        var body = new Body();
        var columns = new List<string>();
        var all = false;
        var filters = new List<FilterNode>();
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "all-attributes":
                    all = true;
                    break;
                case "attribute":
                    columns.Add(ParseAttribute(child));
                    break;
                case "order":
                    body.Orders.Add(ParseOrder(child));
                    break;
                case "filter":
                    filters.Add(ParseFilter(child));
                    break;
                case "link-entity":
                    body.Links.Add(ParseLink(child));
                    break;
                default:
                    throw QueryErrors.InvalidQuery(
                        $"Unexpected element '{child.Name.LocalName}' under '{element.Name.LocalName}'.");
            }
        }

        if (all)
        {
            body.Columns = ColumnSelection.AllColumns;
        }
        else if (columns.Count > 0)
        {
            body.Columns = ColumnSelection.Of(columns.Distinct(StringComparer.Ordinal));
        }
        else if (isLink)
        {
            body.Columns = ColumnSelection.None;
        }

        body.Filter = filters.Count switch
        {
            0 => null,
            1 => filters[0],
            _ => Combine(filters),
        };
        return body;
    }

    private static FilterNode Combine(List<FilterNode> filters)
    {
        var and = new FilterNode(FilterKind.And);
        and.Filters.AddRange(filters);
        return and;
    }

    private static string ParseAttribute(XElement attribute)
    {
        CheckAttributes(
            attribute,
            "attribute",
            "name",
            "build",
            "addedby",
            "alias",
            "aggregate",
            "groupby",
            "dategrouping",
            "usertimezone",
            "distinct");
        foreach (var feature in new[] { "alias", "aggregate", "groupby", "dategrouping", "usertimezone", "distinct" })
        {
            if (attribute.Attribute(feature) is not null)
            {
                throw QueryErrors.Unsupported($"FetchXML attribute '{feature}'");
            }
        }

        return Required(attribute, "name");
    }

    private static OrderNode ParseOrder(XElement order)
    {
        CheckAttributes(order, "order", "attribute", "alias", "descending");
        if (order.Attribute("alias") is not null)
        {
            throw QueryErrors.Unsupported("FetchXML order by alias (aggregate queries)");
        }

        return new OrderNode(Required(order, "attribute"), Bool(order, "descending"));
    }

    private static LinkNode ParseLink(XElement link)
    {
        CheckAttributes(
            link,
            "link-entity",
            "name",
            "to",
            "from",
            "alias",
            "link-type",
            "visible",
            "intersect",
            "enableprefiltering",
            "prefilterparametername");
        RefuseTrue(link, "enableprefiltering", "FetchXML prefiltering");
        var join = (string?)link.Attribute("link-type") switch
        {
            null or "inner" => JoinKind.Inner,
            "outer" => JoinKind.LeftOuter,
            var other => throw QueryErrors.Unsupported($"FetchXML link-type '{other}'"),
        };
        var node = new LinkNode(Required(link, "name"), (string?)link.Attribute("from"), (string?)link.Attribute("to"), join)
        {
            Alias = (string?)link.Attribute("alias") is { Length: > 0 } alias ? alias : null,
        };
        var body = ParseBody(link, isLink: true);
        node.Columns = body.Columns ?? ColumnSelection.None;
        node.Filter = body.Filter;
        node.Links.AddRange(body.Links);
        node.Orders.AddRange(body.Orders);
        return node;
    }

    private static FilterNode ParseFilter(XElement filter)
    {
        CheckAttributes(filter, "filter", "type", "isquickfindfields", "hint");
        var kind = (string?)filter.Attribute("type") switch
        {
            null or "and" => FilterKind.And,
            "or" => FilterKind.Or,
            var other => throw QueryErrors.InvalidQuery($"Invalid filter type '{other}'."),
        };
        var node = new FilterNode(kind);
        foreach (var child in filter.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "condition":
                    node.Conditions.Add(ParseCondition(child));
                    break;
                case "filter":
                    node.Filters.Add(ParseFilter(child));
                    break;
                case "link-entity":
                    throw QueryErrors.Unsupported("FetchXML link-entity inside a filter (any/not any/all/not all)");
                default:
                    throw QueryErrors.InvalidQuery($"Unexpected element '{child.Name.LocalName}' under 'filter'.");
            }
        }

        return node;
    }

    private static ConditionNode ParseCondition(XElement condition)
    {
        CheckAttributes(
            condition,
            "condition",
            "column",
            "attribute",
            "entityname",
            "operator",
            "value",
            "valueof",
            "aggregate",
            "rowaggregate",
            "alias",
            "uiname",
            "uitype",
            "uihidden");
        foreach (var feature in new[] { "aggregate", "rowaggregate", "alias", "valueof" })
        {
            if (condition.Attribute(feature) is not null)
            {
                throw QueryErrors.Unsupported($"FetchXML condition '{feature}'");
            }
        }

        var attribute = (string?)condition.Attribute("attribute") ?? (string?)condition.Attribute("column")
            ?? throw QueryErrors.InvalidQuery("A FetchXML condition needs an 'attribute'.");
        var operatorName = Required(condition, "operator");
        if (!Operators.TryGetValue(operatorName, out var op))
        {
            throw QueryErrors.Unsupported($"FetchXML condition operator '{operatorName}'");
        }

        var valueElements = condition.Elements().ToList();
        foreach (var child in valueElements.Where(e => e.Name.LocalName != "value"))
        {
            throw QueryErrors.InvalidQuery($"Unexpected element '{child.Name.LocalName}' under 'condition'.");
        }

        List<object?> values = valueElements.Count > 0
            ? valueElements.Select(v => (object?)v.Value).ToList()
            : condition.Attribute("value") is { } single ? [single.Value] : [];
        var entityName = (string?)condition.Attribute("entityname") is { Length: > 0 } e ? e : null;
        return new ConditionNode(attribute, op, values, entityName);
    }

    private static void CheckAttributes(XElement element, string elementName, params string[] allowed)
    {
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration)
            {
                continue;
            }

            if (Array.IndexOf(allowed, attribute.Name.LocalName) < 0)
            {
                throw QueryErrors.Unsupported($"FetchXML '{elementName}' attribute '{attribute.Name.LocalName}'");
            }
        }
    }

    private static void RefuseTrue(XElement element, string attribute, string feature)
    {
        if (Bool(element, attribute))
        {
            throw QueryErrors.Unsupported(feature);
        }
    }

    private static string Required(XElement element, string attribute) =>
        (string?)element.Attribute(attribute) is { Length: > 0 } value
            ? value
            : throw QueryErrors.InvalidQuery($"The FetchXML '{element.Name.LocalName}' element needs a '{attribute}'.");

    private static bool Bool(XElement element, string attribute) =>
        (string?)element.Attribute(attribute) switch
        {
            null or "" or "false" or "0" => false,
            "true" or "1" => true,
            var other => throw QueryErrors.InvalidQuery($"'{other}' is not a valid value for '{attribute}'."),
        };

    private static int? Int(XElement element, string attribute)
    {
        var text = (string?)element.Attribute(attribute);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw QueryErrors.InvalidQuery($"'{text}' is not a valid value for '{attribute}'.");
    }
}
