using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

[DataContract(Name = "QueryExpression", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class QueryExpression : QueryBase
{
    public static readonly QueryExpression Empty = new QueryExpression();

    public QueryExpression()
        : this(null)
    {
    }

    public QueryExpression(string entityName)
    {
        EntityName = entityName;
        ColumnSet = new ColumnSet();
        Criteria = new FilterExpression();
        PageInfo = new PagingInfo();
        LinkEntities = new DataCollection<LinkEntity>();
        Orders = new DataCollection<OrderExpression>();
    }

    [DataMember]
    public string EntityName { get; set; }

    [DataMember]
    public ColumnSet ColumnSet { get; set; }

    [DataMember]
    public FilterExpression Criteria { get; set; }

    [DataMember]
    public DataCollection<LinkEntity> LinkEntities { get; private set; }

    [DataMember]
    public DataCollection<OrderExpression> Orders { get; private set; }

    [DataMember]
    public PagingInfo PageInfo { get; set; }

    [DataMember]
    public int? TopCount { get; set; }

    [DataMember]
    public bool Distinct { get; set; }

    [DataMember]
    public bool NoLock { get; set; }

    [DataMember]
    public string QueryHints { get; set; }

    internal override string QueryKind => nameof(QueryExpression);

    public void AddOrder(string attributeName, OrderType orderType)
    {
        Orders.Add(new OrderExpression(attributeName, orderType));
    }

    public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName)
    {
        return AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);
    }

    public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
    {
        var link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
        LinkEntities.Add(link);
        return link;
    }

    public QueryExpression Accept(IQueryExpressionVisitor visitor)
    {
        return visitor.Visit(this);
    }
}
