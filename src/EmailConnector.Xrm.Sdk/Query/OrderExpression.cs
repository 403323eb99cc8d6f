using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

[DataContract(Name = "OrderExpression", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class OrderExpression : IExtensibleDataObject
{
    public OrderExpression()
    {
    }

    public OrderExpression(string attributeName, OrderType orderType)
        : this(attributeName, orderType, null)
    {
    }

    public OrderExpression(string attributeName, OrderType orderType, string alias)
    {
        AttributeName = attributeName;
        OrderType = orderType;
        Alias = alias;
    }

    [DataMember]
    public string AttributeName { get; set; }

    [DataMember]
    public OrderType OrderType { get; set; }

    [DataMember]
    public string Alias { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
