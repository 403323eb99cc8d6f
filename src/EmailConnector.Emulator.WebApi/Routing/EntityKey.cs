using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.WebApi.OData;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>A record address: <c>(guid)</c>, <c>(pk=guid)</c> or alternate-key pairs <c>(a='x',b=3)</c> (dataverse.md §3.7).</summary>
internal sealed class EntityKey
{
    private EntityKey(TableDefinition table, Guid id, KeyAttributeCollection keys)
    {
        Table = table;
        Id = id;
        Keys = keys;
    }

    public TableDefinition Table { get; }

    /// <summary>The primary key, or Guid.Empty when the record is addressed by an alternate key.</summary>
    public Guid Id { get; }

    public KeyAttributeCollection Keys { get; }

    public bool IsAlternateKey => Id == Guid.Empty;

    public static EntityKey ForId(TableDefinition table, Guid id) => new(table, id, []);

    public static EntityKey Parse(TableDefinition table, string arguments)
    {
        var tokens = ODataLexer.Tokenize(arguments, "a key");
        if (tokens.Count == 2 && tokens[0].Kind == TokenKind.Guid)
            return ForId(table, (Guid)tokens[0].Value!);
        var keys = new KeyAttributeCollection();
        var i = 0;
        while (true)
        {
            if (tokens[i].Kind != TokenKind.Identifier || tokens[i + 1].Kind != TokenKind.Equals)
                throw WebApiErrors.Malformed($"Bad Request - Error in query syntax: the key '({arguments})' of '{table.EntitySetName}' is not valid.");
            var name = tokens[i].Text;
            var literal = tokens[i + 2];
            var column = ColumnOfKey(table, name);
            if (keys.ContainsKey(column.LogicalName))
                throw WebApiErrors.Malformed($"The key property '{name}' appears more than once in '({arguments})'.");
            keys[column.LogicalName] = Convert(table, column, literal);
            i += 3;
            if (tokens[i].Kind == TokenKind.End)
                break;
            if (tokens[i].Kind != TokenKind.Comma)
                throw WebApiErrors.Malformed($"Bad Request - Error in query syntax: expected ',' or ')' in the key '({arguments})'.");
            i++;
        }
        if (keys.Count == 1 && keys.TryGetValue(table.PrimaryIdAttribute, out var primary) && primary is Guid id)
            return ForId(table, id);
        var matches = table.AlternateKeys.Any(k => k.Columns.Count == keys.Count && k.Columns.All(keys.ContainsKey));
        if (!matches)
        {
            throw WebApiErrors.Malformed(
                $"The key ({string.Join(",", keys.Keys)}) is not an alternate key of the entity '{table.LogicalName}'; its keys are: "
                + (table.AlternateKeys.Count == 0 ? "none" : string.Join("; ", table.AlternateKeys.Select(k => string.Join(",", k.Columns)))) + ".");
        }
        return new EntityKey(table, Guid.Empty, keys);
    }

    public EntityReference ToReference() =>
        IsAlternateKey ? new EntityReference(Table.LogicalName, Keys) : new EntityReference(Table.LogicalName, Id);

    public string ToUrlKey()
    {
        if (!IsAlternateKey)
            return ValueFormatsKey(Id);
        return string.Join(",", Keys.Select(k => $"{KeyName(k.Key)}={Literal(k.Value)}"));
    }

    private string KeyName(string column) => Table.FindColumn(column)?.Type.IsLookup() == true ? $"_{column}_value" : column;

    private static string ValueFormatsKey(Guid id) => Json.ValueFormats.Guid(id);

    private static string Literal(object? value) => value switch
    {
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        EntityReference r => Json.ValueFormats.Guid(r.Id),
        Guid g => Json.ValueFormats.Guid(g),
        OptionSetValue o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Money m => m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTime d => Json.ValueFormats.DateTime(d, false),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    private static ColumnDefinition ColumnOfKey(TableDefinition table, string name)
    {
        if (name.StartsWith('_') && name.EndsWith("_value", StringComparison.Ordinal)
            && table.FindColumn(name[1..^6]) is { } lookup && lookup.Type.IsLookup())
            return lookup;
        var column = table.FindColumn(name);
        if (column is null || column.Type.IsLookup() || column.Type == ColumnType.PartyList)
            throw WebApiErrors.NoProperty(name, table.LogicalName);
        return column;
    }

    private static object Convert(TableDefinition table, ColumnDefinition column, Token literal)
    {
        object? value = (column.Type, literal.Kind) switch
        {
            (ColumnType.String or ColumnType.Memo or ColumnType.EntityName, TokenKind.String) => literal.Value,
            (ColumnType.Integer, TokenKind.Integer) when (long)literal.Value! is >= int.MinValue and <= int.MaxValue => (int)(long)literal.Value!,
            (ColumnType.BigInt, TokenKind.Integer) => literal.Value,
            (ColumnType.Picklist or ColumnType.State or ColumnType.Status, TokenKind.Integer) => new OptionSetValue((int)(long)literal.Value!),
            (ColumnType.Decimal, TokenKind.Integer or TokenKind.Decimal) => System.Convert.ToDecimal(literal.Value, System.Globalization.CultureInfo.InvariantCulture),
            (ColumnType.Money, TokenKind.Integer or TokenKind.Decimal) => new Money(System.Convert.ToDecimal(literal.Value, System.Globalization.CultureInfo.InvariantCulture)),
            (ColumnType.Uniqueidentifier, TokenKind.Guid) => literal.Value,
            (ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner, TokenKind.Guid) =>
                new EntityReference(column.Targets.FirstOrDefault() ?? table.LogicalName, (Guid)literal.Value!),
            (ColumnType.DateTime, TokenKind.DateTime or TokenKind.Date) => literal.Value,
            (ColumnType.Boolean, TokenKind.Identifier) when literal.Text is "true" or "false" => literal.Text == "true",
            _ => null,
        };
        return value ?? throw WebApiErrors.Malformed(
            $"The key value {literal.Text} is not valid for the property '{column.LogicalName}' of type '{EdmTypes.Of(column)}'.");
    }
}

/// <summary>The Edm type names Dataverse's messages use for column types.</summary>
internal static class EdmTypes
{
    public static string Of(ColumnDefinition column) => column.Type switch
    {
        ColumnType.String or ColumnType.Memo or ColumnType.EntityName or ColumnType.MultiSelectPicklist => "Edm.String",
        ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => "Edm.Int32",
        ColumnType.BigInt => "Edm.Int64",
        ColumnType.Decimal or ColumnType.Money => "Edm.Decimal",
        ColumnType.Double => "Edm.Double",
        ColumnType.Boolean => "Edm.Boolean",
        ColumnType.DateTime => column.DateTimeBehavior == DateTimeBehavior.DateOnly ? "Edm.Date" : "Edm.DateTimeOffset",
        _ => "Edm.Guid",
    };
}
