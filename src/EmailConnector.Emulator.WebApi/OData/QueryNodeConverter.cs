using EmailConnector.Emulator.Query;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.WebApi.OData;

/// <summary>
/// Hands a parsed OData query to the pipeline as the QueryExpression Dataverse gives RetrieveMultiple steps for Web API
/// queries; the engine reads it back into the same syntax tree, so one engine evaluates every front end.
/// </summary>
internal static class QueryNodeConverter
{
    public static QueryExpression ToQueryExpression(QueryNode node)
    {
        var query = new QueryExpression(node.Table)
        {
            ColumnSet = Columns(node.Columns),
            TopCount = node.Top,
            Distinct = node.Distinct,
            PageInfo = new PagingInfo
            {
                Count = node.Paging.Count ?? 0,
                PageNumber = node.Paging.PageNumber ?? 0,
                PagingCookie = node.Paging.Cookie,
                ReturnTotalRecordCount = node.Paging.ReturnTotalRecordCount,
            },
        };
        if (node.Filter is { } filter)
            query.Criteria = Filter(filter);
        foreach (var link in node.Links)
            query.LinkEntities.Add(Link(link, node.Table));
        foreach (var order in node.Orders)
            query.Orders.Add(new OrderExpression(order.Attribute, order.Descending ? OrderType.Descending : OrderType.Ascending));
        return query;
    }

    private static ColumnSet Columns(ColumnSelection selection) =>
        selection.All ? new ColumnSet(true) : new ColumnSet([.. selection.Columns]);

    private static FilterExpression Filter(FilterNode node)
    {
        var filter = new FilterExpression(node.Kind == FilterKind.Or ? LogicalOperator.Or : LogicalOperator.And);
        foreach (var condition in node.Conditions)
        {
            var op = Enum.Parse<ConditionOperator>(condition.Operator.ToString());
            filter.Conditions.Add(condition.Values.Count == 0
                ? new ConditionExpression(condition.Attribute, op)
                : new ConditionExpression(condition.Attribute, op, condition.Values.ToArray()!));
        }
        foreach (var child in node.Filters)
            filter.Filters.Add(Filter(child));
        return filter;
    }

    private static LinkEntity Link(LinkNode node, string parent)
    {
        var link = new LinkEntity(parent, node.Table, node.ParentAttribute, node.LinkAttribute,
            node.Join == JoinKind.Inner ? JoinOperator.Inner : JoinOperator.LeftOuter)
        {
            EntityAlias = node.Alias,
            Columns = Columns(node.Columns),
        };
        if (node.Filter is { } filter)
            link.LinkCriteria = Filter(filter);
        foreach (var child in node.Links)
            link.LinkEntities.Add(Link(child, node.Table));
        return link;
    }
}
