using System.Text.Json;
using System.Text.Json.Nodes;
using EmailConnector.Core.Mapping;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using CoreDirection = EmailConnector.Core.Mapping.MappingDirection;
using SchemaDirection = EmailConnector.Schema.MappingDirection;

namespace EmailConnector.Worker.Operations.Transfer;

/// <summary>
/// The platform fields of one member type: the account's pushed <c>ec_datamapping</c> rows, or, when it has none, the
/// default set (first and last name, or the account name, and the address).
/// </summary>
internal sealed class MemberFields
{
    private MemberFields(FieldMapper mapper, IReadOnlyList<string> columns)
    {
        Mapper = mapper;
        Columns = columns;
    }

    public FieldMapper Mapper { get; }

    /// <summary>The CRM columns the mapper reads.</summary>
    public IReadOnlyList<string> Columns { get; }

    public static IReadOnlyList<FieldMapping> Defaults(string table) => table == "account"
        ? [new("name", "Name", CoreDirection.Push, FieldKind.Name), new("emailaddress1", "Email", CoreDirection.Push)]
        : [new("firstname", "FirstName", CoreDirection.Push, FieldKind.Name), new("lastname", "LastName", CoreDirection.Push, FieldKind.Name), new("emailaddress1", "Email", CoreDirection.Push)];

    public static async Task<MemberFields> LoadAsync(DataverseClient client, Guid platformAccountId, string table, CancellationToken cancellationToken)
    {
        var mappings = new List<FieldMapping>();
        await foreach (var row in client.FetchAsync("ec_datamappings", MemberQueries.Mappings(platformAccountId, (int)MemberTypeOf(table)), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var column = row.GetString(DataMapping.CrmColumn);
            var field = row.GetString(DataMapping.PlatformField);
            if (string.IsNullOrWhiteSpace(column) || string.IsNullOrWhiteSpace(field))
                continue;
            var direction = (SchemaDirection?)row.GetOptionValue(DataMapping.Direction) switch
            {
                SchemaDirection.Pull => CoreDirection.Pull,
                SchemaDirection.Both => CoreDirection.Both,
                _ => CoreDirection.Push,
            };
            mappings.Add(new FieldMapping(column.Trim(), field.Trim(), direction, KindOf(column.Trim())));
        }

        if (!mappings.Any(m => m.Pushes))
            mappings.AddRange(Defaults(table));
        var mapper = new FieldMapper(mappings);
        return new MemberFields(mapper, mapper.PushedColumns);
    }

    /// <summary>The column values the mapper needs, as the CLR types it formats.</summary>
    public IReadOnlyDictionary<string, object?> ValuesOf(DataverseRow member)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in Columns)
            values[column] = member.Json[column] is JsonValue value ? Clr(value) : null;
        return values;
    }

    private static object? Clr(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.GetValue<decimal>(),
        _ => null,
    };

    private static MappingMemberType MemberTypeOf(string table) => table switch
    {
        "account" => MappingMemberType.Account,
        "contact" => MappingMemberType.Contact,
        _ => MappingMemberType.Lead,
    };

    // ec_datamapping holds no format; person and company name columns get the name cleaning (one line, no markup).
    private static FieldKind KindOf(string column) => column.ToLowerInvariant() switch
    {
        "firstname" or "lastname" or "middlename" or "fullname" or "name" or "nickname" => FieldKind.Name,
        _ => FieldKind.Text,
    };
}
