using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

/// <summary>Equality query: Attributes[i] must equal Values[i] for every i.</summary>
[DataContract(Name = "QueryByAttribute", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class QueryByAttribute : QueryBase
{
    public QueryByAttribute()
        : this(null)
    {
    }

    public QueryByAttribute(string entityName)
    {
        EntityName = entityName;
        ColumnSet = new ColumnSet();
        PageInfo = new PagingInfo();
        Attributes = new DataCollection<string>();
        Values = new DataCollection<object>();
        Orders = new DataCollection<OrderExpression>();
    }

    [DataMember]
    public string EntityName { get; set; }

    [DataMember]
    public ColumnSet ColumnSet { get; set; }

    [DataMember]
    public DataCollection<string> Attributes { get; private set; }

    [DataMember]
    public DataCollection<object> Values { get; private set; }

    [DataMember]
    public DataCollection<OrderExpression> Orders { get; private set; }

    [DataMember]
    public PagingInfo PageInfo { get; set; }

    [DataMember]
    public int? TopCount { get; set; }

    internal override string QueryKind => nameof(QueryByAttribute);

    public void AddAttributeValue(string attributeName, object value)
    {
        Attributes.Add(attributeName);
        Values.Add(value);
    }

    public void AddOrder(string attributeName, OrderType orderType)
    {
        Orders.Add(new OrderExpression(attributeName, orderType));
    }
}
