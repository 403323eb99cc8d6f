namespace EmailConnector.Schema;

/// <summary>ec_commandpermission: holds no rows; its Read and Create privileges gate the custom APIs.</summary>
[SchemaTable(EntityName)]
public static class CommandPermission
{
    public const string EntityName = "ec_commandpermission";
    public const string PrimaryId = "ec_commandpermissionid";
    public const string Name = "ec_name";
}
