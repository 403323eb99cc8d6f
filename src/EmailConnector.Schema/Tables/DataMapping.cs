namespace EmailConnector.Schema;

/// <summary>ec_datamapping: which CRM column feeds which platform field, per member type.</summary>
[SchemaTable(EntityName)]
public static class DataMapping
{
    public const string EntityName = "ec_datamapping";
    public const string PrimaryId = "ec_datamappingid";
    public const string Name = "ec_name";
    public const string PlatformAccountId = "ec_platformaccountid";
    public const string MemberType = "ec_membertype";
    public const string CrmColumn = "ec_crmcolumn";
    public const string PlatformField = "ec_platformfield";
    public const string Direction = "ec_direction";
}

[SchemaOptionSet(DataMapping.EntityName, DataMapping.MemberType)]
public enum MappingMemberType
{
    Account = 183500000,
    Contact = 183500001,
    Lead = 183500002,
}

[SchemaOptionSet(DataMapping.EntityName, DataMapping.Direction)]
public enum MappingDirection
{
    Push = 183500000,
    Pull = 183500001,
    Both = 183500002,
}
