using System.Collections;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

[DataContract(Name = "ConditionExpression", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class ConditionExpression : IExtensibleDataObject
{
    public ConditionExpression()
    {
        Values = new DataCollection<object>();
    }

    public ConditionExpression(string attributeName, ConditionOperator conditionOperator)
        : this(null, attributeName, conditionOperator, new object[0])
    {
    }

    // A single value is one element, even when it is itself an array: ("x", In, (object)ids) has one value.
    public ConditionExpression(string attributeName, ConditionOperator conditionOperator, object value)
        : this(null, attributeName, conditionOperator, new[] { value })
    {
    }

    public ConditionExpression(string attributeName, ConditionOperator conditionOperator, params object[] values)
        : this(null, attributeName, conditionOperator, values)
    {
    }

    // Lets callers pass a typed collection such as int[] or List<Guid>, whose elements become the values.
    public ConditionExpression(string attributeName, ConditionOperator conditionOperator, ICollection values)
        : this(null, attributeName, conditionOperator, new object[0])
    {
        if (values == null)
            return;
        foreach (var value in values)
            Values.Add(value);
    }

    public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator)
        : this(entityName, attributeName, conditionOperator, new object[0])
    {
    }

    public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, object value)
        : this(entityName, attributeName, conditionOperator, new[] { value })
    {
    }

    public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
        : this()
    {
        EntityName = entityName;
        AttributeName = attributeName;
        Operator = conditionOperator;
        Values.AddRange(values);
    }

    [DataMember]
    public string EntityName { get; set; }

    [DataMember]
    public string AttributeName { get; set; }

    [DataMember]
    public ConditionOperator Operator { get; set; }

    [DataMember]
    public DataCollection<object> Values { get; private set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
