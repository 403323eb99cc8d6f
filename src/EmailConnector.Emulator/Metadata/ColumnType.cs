namespace EmailConnector.Emulator.Metadata;

/// <summary>Column types as Dataverse's AttributeTypeCode names them, plus PartyList for activity party columns.</summary>
public enum ColumnType
{
    String,
    Memo,
    Integer,
    BigInt,
    Decimal,
    Double,
    Money,
    Boolean,
    DateTime,
    Lookup,
    Customer,
    Owner,
    Picklist,
    State,
    Status,
    MultiSelectPicklist,
    Uniqueidentifier,
    EntityName,
    PartyList,
}

public static class ColumnTypeExtensions
{
    public static bool IsLookup(this ColumnType type) =>
        type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;

    public static bool IsOptionSet(this ColumnType type) =>
        type is ColumnType.Picklist or ColumnType.State or ColumnType.Status;
}
