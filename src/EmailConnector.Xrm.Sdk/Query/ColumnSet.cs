using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

[DataContract(Name = "ColumnSet", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public sealed class ColumnSet : IExtensibleDataObject
{
    public ColumnSet()
    {
        Columns = new DataCollection<string>();
        AttributeExpressions = new DataCollection<XrmAttributeExpression>();
    }

    public ColumnSet(bool allColumns)
        : this()
    {
        AllColumns = allColumns;
    }

    public ColumnSet(params string[] columns)
        : this()
    {
        Columns.AddRange(columns);
    }

    [DataMember]
    public bool AllColumns { get; set; }

    [DataMember]
    public DataCollection<string> Columns { get; private set; }

    [DataMember]
    public DataCollection<XrmAttributeExpression> AttributeExpressions { get; private set; }

    public bool HasLazyFileAttribute { get; set; }

    public string LazyFileAttributeEntityName { get; set; }

    public string LazyFileAttributeKey { get; set; }

    public Lazy<object> LazyFileAttributeValue { get; set; }

    public int LazyFileAttributeSizeLimit { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    public void AddColumn(string column)
    {
        Columns.Add(column);
    }

    public void AddColumns(params string[] columns)
    {
        Columns.AddRange(columns);
    }
}
