using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Query;

/// <summary>Converts QueryExpression and QueryByAttribute into the query syntax tree.</summary>
internal static class QueryExpressionConverter
{
    public static QueryNode Convert(QueryExpression query)
    {
        if (string.IsNullOrEmpty(query.EntityName))
        {
            throw QueryErrors.InvalidQuery("The QueryExpression has no EntityName.");
        }

        var node = new QueryNode(query.EntityName)
        {
            Source = QuerySource.QueryExpression,
            Columns = Columns(query.ColumnSet),
            Filter = Filter(query.Criteria),
            Top = query.TopCount,
            Distinct = query.Distinct,
            Paging = Paging(query.PageInfo),
        };
        foreach (var link in query.LinkEntities)
        {
            node.Links.Add(Link(link, query.EntityName));
        }

        AddOrders(node.Orders, query.Orders);
        return node;
    }

    public static QueryNode Convert(QueryByAttribute query)
    {
        if (string.IsNullOrEmpty(query.EntityName))
        {
            throw QueryErrors.InvalidQuery("The QueryByAttribute has no EntityName.");
        }

        if (query.Attributes.Count != query.Values.Count)
        {
            throw QueryErrors.InvalidQuery("QueryByAttribute needs exactly one value per attribute.");
        }

        var filter = new FilterNode(FilterKind.And);
        for (var i = 0; i < query.Attributes.Count; i++)
        {
            var value = query.Values[i];
            filter.Conditions.Add(value is null
                ? new ConditionNode(query.Attributes[i], QueryOperator.Null, [])
                : new ConditionNode(query.Attributes[i], QueryOperator.Equal, [value]));
        }

        var node = new QueryNode(query.EntityName)
        {
            Source = QuerySource.QueryByAttribute,
            Columns = Columns(query.ColumnSet),
            Filter = filter,
            Top = query.TopCount,
            Paging = Paging(query.PageInfo),
        };
        AddOrders(node.Orders, query.Orders);
        return node;
    }

    private static ColumnSelection Columns(ColumnSet? columns)
    {
        if (columns is null)
        {
            return ColumnSelection.None;
        }

        if (columns.AttributeExpressions.Count > 0)
        {
            throw QueryErrors.Unsupported("ColumnSet.AttributeExpressions (aggregates and grouping)");
        }

        return columns.AllColumns ? ColumnSelection.AllColumns : ColumnSelection.Of(columns.Columns.Distinct(StringComparer.Ordinal));
    }

    private static PagingNode Paging(PagingInfo? paging) => paging is null
        ? new PagingNode()
        : new PagingNode
        {
            Count = paging.Count,
            PageNumber = paging.PageNumber,
            Cookie = string.IsNullOrEmpty(paging.PagingCookie) ? null : paging.PagingCookie,
            ReturnTotalRecordCount = paging.ReturnTotalRecordCount,
        };

    private static FilterNode? Filter(FilterExpression? filter)
    {
        if (filter is null)
        {
            return null;
        }

        var node = new FilterNode(filter.FilterOperator == LogicalOperator.Or ? FilterKind.Or : FilterKind.And);
        foreach (var condition in filter.Conditions)
        {
            node.Conditions.Add(new ConditionNode(
                condition.AttributeName ?? throw QueryErrors.InvalidQuery("A condition has no AttributeName."),
                Operator(condition.Operator),
                condition.Values.ToList(),
                string.IsNullOrEmpty(condition.EntityName) ? null : condition.EntityName));
        }

        foreach (var child in filter.Filters)
        {
            if (Filter(child) is { } converted)
            {
                node.Filters.Add(converted);
            }
        }

        return node;
    }

    private static LinkNode Link(LinkEntity link, string parentTable)
    {
        if (string.IsNullOrEmpty(link.LinkToEntityName))
        {
            throw QueryErrors.InvalidQuery("A LinkEntity has no LinkToEntityName.");
        }

        if (!string.IsNullOrEmpty(link.LinkFromEntityName) && link.LinkFromEntityName != parentTable)
        {
            throw QueryErrors.InvalidQuery(
                $"LinkEntity LinkFromEntityName '{link.LinkFromEntityName}' does not match its parent '{parentTable}'.");
        }

        var join = link.JoinOperator switch
        {
            JoinOperator.Inner => JoinKind.Inner,
            JoinOperator.LeftOuter => JoinKind.LeftOuter,
            var other => throw QueryErrors.Unsupported($"JoinOperator.{other}"),
        };
        var node = new LinkNode(
            link.LinkToEntityName,
            string.IsNullOrEmpty(link.LinkToAttributeName) ? null : link.LinkToAttributeName,
            string.IsNullOrEmpty(link.LinkFromAttributeName) ? null : link.LinkFromAttributeName,
            join)
        {
            Alias = string.IsNullOrEmpty(link.EntityAlias) ? null : link.EntityAlias,
            Columns = Columns(link.Columns),
            Filter = Filter(link.LinkCriteria),
        };
        foreach (var child in link.LinkEntities)
        {
            node.Links.Add(Link(child, link.LinkToEntityName));
        }

        AddOrders(node.Orders, link.Orders);
        return node;
    }

    private static void AddOrders(List<OrderNode> target, IEnumerable<OrderExpression> orders)
    {
        foreach (var order in orders)
        {
            if (!string.IsNullOrEmpty(order.Alias))
            {
                throw QueryErrors.Unsupported("OrderExpression.Alias (ordering aggregate queries by alias)");
            }

            target.Add(new OrderNode(
                order.AttributeName ?? throw QueryErrors.InvalidQuery("An order has no AttributeName."),
                order.OrderType == OrderType.Descending));
        }
    }

    public static QueryOperator Operator(ConditionOperator op) => op switch
    {
        ConditionOperator.Equal => QueryOperator.Equal,
        ConditionOperator.NotEqual => QueryOperator.NotEqual,
        ConditionOperator.GreaterThan => QueryOperator.GreaterThan,
        ConditionOperator.GreaterEqual => QueryOperator.GreaterEqual,
        ConditionOperator.LessThan => QueryOperator.LessThan,
        ConditionOperator.LessEqual => QueryOperator.LessEqual,
        ConditionOperator.Like => QueryOperator.Like,
        ConditionOperator.NotLike => QueryOperator.NotLike,
        ConditionOperator.BeginsWith => QueryOperator.BeginsWith,
        ConditionOperator.DoesNotBeginWith => QueryOperator.DoesNotBeginWith,
        ConditionOperator.EndsWith => QueryOperator.EndsWith,
        ConditionOperator.DoesNotEndWith => QueryOperator.DoesNotEndWith,
        ConditionOperator.In => QueryOperator.In,
        ConditionOperator.NotIn => QueryOperator.NotIn,
        ConditionOperator.Between => QueryOperator.Between,
        ConditionOperator.NotBetween => QueryOperator.NotBetween,
        ConditionOperator.Null => QueryOperator.Null,
        ConditionOperator.NotNull => QueryOperator.NotNull,
        ConditionOperator.On => QueryOperator.On,
        ConditionOperator.NotOn => QueryOperator.NotOn,
        ConditionOperator.OnOrAfter => QueryOperator.OnOrAfter,
        ConditionOperator.OnOrBefore => QueryOperator.OnOrBefore,
        ConditionOperator.Yesterday => QueryOperator.Yesterday,
        ConditionOperator.Today => QueryOperator.Today,
        ConditionOperator.Tomorrow => QueryOperator.Tomorrow,
        ConditionOperator.Last7Days => QueryOperator.Last7Days,
        ConditionOperator.Next7Days => QueryOperator.Next7Days,
        ConditionOperator.LastMonth => QueryOperator.LastMonth,
        ConditionOperator.ThisMonth => QueryOperator.ThisMonth,
        ConditionOperator.NextMonth => QueryOperator.NextMonth,
        ConditionOperator.LastYear => QueryOperator.LastYear,
        ConditionOperator.ThisYear => QueryOperator.ThisYear,
        ConditionOperator.NextYear => QueryOperator.NextYear,
        ConditionOperator.LastXHours => QueryOperator.LastXHours,
        ConditionOperator.NextXHours => QueryOperator.NextXHours,
        ConditionOperator.LastXDays => QueryOperator.LastXDays,
        ConditionOperator.NextXDays => QueryOperator.NextXDays,
        ConditionOperator.LastXWeeks => QueryOperator.LastXWeeks,
        ConditionOperator.NextXWeeks => QueryOperator.NextXWeeks,
        ConditionOperator.LastXMonths => QueryOperator.LastXMonths,
        ConditionOperator.NextXMonths => QueryOperator.NextXMonths,
        ConditionOperator.LastXYears => QueryOperator.LastXYears,
        ConditionOperator.NextXYears => QueryOperator.NextXYears,
        ConditionOperator.OlderThanXMinutes => QueryOperator.OlderThanXMinutes,
        ConditionOperator.OlderThanXHours => QueryOperator.OlderThanXHours,
        ConditionOperator.OlderThanXDays => QueryOperator.OlderThanXDays,
        ConditionOperator.OlderThanXWeeks => QueryOperator.OlderThanXWeeks,
        ConditionOperator.OlderThanXMonths => QueryOperator.OlderThanXMonths,
        ConditionOperator.OlderThanXYears => QueryOperator.OlderThanXYears,
        ConditionOperator.Contains or ConditionOperator.DoesNotContain => throw QueryErrors.Unsupported(
            $"ConditionOperator.{op} (a full-text search that Dataverse allows only on full-text indexed columns; "
            + "use Like with %value%)"),
        _ => throw QueryErrors.Unsupported($"ConditionOperator.{op}"),
    };
}
