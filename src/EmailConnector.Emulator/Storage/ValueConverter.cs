using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Metadata;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Storage;

/// <summary>
/// Turns SDK values into the compact values the store keeps (validating type, length, range and choice values as the
/// server does on write) and back into fresh SDK instances on read, so no caller ever shares an instance with the store.
/// </summary>
internal static class ValueConverter
{
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly object[] SmallInts = Enumerable.Range(-1, 1002).Select(i => (object)i).ToArray();

    /// <summary>A boxed int, shared for the small values choices and counters mostly hold.</summary>
    public static object Box(int value) => value is >= -1 and <= 1000 ? SmallInts[value + 1] : value;

    public static object? ToStored(string table, ColumnDefinition column, object? value)
    {
        if (value is null)
            return null;
        switch (column.Type)
        {
            case ColumnType.String:
            case ColumnType.Memo:
                var text = Expect<string>(table, column, value, "System.String");
                if (column.MaxLength is { } max && text.Length > max)
                    throw OrganizationFaults.StringTooLong(table, column.LogicalName, max);
                return text.Length == 0 ? null : text;
            case ColumnType.EntityName:
                return Expect<string>(table, column, value, "System.String (a table logical name)");
            case ColumnType.Integer:
                var number = Expect<int>(table, column, value, "System.Int32");
                if ((column.MinValue is { } min && number < min) || (column.MaxValue is { } maxValue && number > maxValue))
                    throw OrganizationFaults.OutOfRange(table, column.LogicalName, number);
                return Box(number);
            case ColumnType.BigInt:
                return Expect<long>(table, column, value, "System.Int64");
            case ColumnType.Decimal:
                return Expect<decimal>(table, column, value, "System.Decimal");
            case ColumnType.Double:
                return Expect<double>(table, column, value, "System.Double");
            case ColumnType.Money:
                return Expect<Money>(table, column, value, "Microsoft.Xrm.Sdk.Money").Value;
            case ColumnType.Boolean:
                return Expect<bool>(table, column, value, "System.Boolean") ? True : False;
            case ColumnType.DateTime:
                return ToUtc(Expect<DateTime>(table, column, value, "System.DateTime"), column.DateTimeBehavior);
            case ColumnType.Uniqueidentifier:
                return Expect<Guid>(table, column, value, "System.Guid");
            case ColumnType.Picklist:
            case ColumnType.State:
            case ColumnType.Status:
                var option = Expect<OptionSetValue>(table, column, value, "Microsoft.Xrm.Sdk.OptionSetValue").Value;
                if (column.Type == ColumnType.Picklist && column.Options is { } options && !options.ContainsKey(option))
                    throw OrganizationFaults.InvalidOption(table, column.LogicalName, option);
                return Box(option);
            case ColumnType.MultiSelectPicklist:
                var values = Expect<OptionSetValueCollection>(table, column, value, "Microsoft.Xrm.Sdk.OptionSetValueCollection")
                    .Select(o => o.Value).Distinct().OrderBy(v => v).ToArray();
                foreach (var v in values)
                {
                    if (column.Options is { } multi && !multi.ContainsKey(v))
                        throw OrganizationFaults.InvalidOption(table, column.LogicalName, v);
                }
                return values.Length == 0 ? null : values;
            case ColumnType.Lookup:
            case ColumnType.Customer:
            case ColumnType.Owner:
                var reference = Expect<EntityReference>(table, column, value, "Microsoft.Xrm.Sdk.EntityReference");
                if (string.IsNullOrEmpty(reference.LogicalName) || !column.Targets.Contains(reference.LogicalName))
                {
                    throw OrganizationFaults.InvalidArgument(
                        $"'{reference.LogicalName}' is not a valid target of lookup '{table}.{column.LogicalName}' (targets: {string.Join(", ", column.Targets)}).");
                }
                return new LookupValue(reference.LogicalName, reference.Id);
            default:
                throw new NotSupportedException($"Column type {column.Type} ('{table}.{column.LogicalName}') is not stored in rows.");
        }
    }

    public static object? ToSdk(ColumnDefinition column, object? stored, Func<LookupValue, string?>? nameOf = null) => stored switch
    {
        null => null,
        LookupValue lookup => new EntityReference(lookup.LogicalName, lookup.Id) { Name = nameOf?.Invoke(lookup) },
        int i when column.Type.IsOptionSet() => new OptionSetValue(i),
        decimal d when column.Type == ColumnType.Money => new Money(d),
        int[] values => new OptionSetValueCollection(values.Select(v => new OptionSetValue(v)).ToList()),
        _ => stored,
    };

    /// <summary>A copy of an SDK value that shares no mutable instance with the original.</summary>
    public static object? CloneSdk(object? value) => value switch
    {
        null => null,
        EntityReference r => new EntityReference(r.LogicalName, r.Id) { Name = r.Name, RowVersion = r.RowVersion, KeyAttributes = CloneKeys(r.KeyAttributes) },
        OptionSetValue o => new OptionSetValue(o.Value),
        Money m => new Money(m.Value),
        OptionSetValueCollection c => new OptionSetValueCollection(c.Select(o => new OptionSetValue(o.Value)).ToList()),
        Entity e => CloneEntity(e),
        EntityCollection c => CloneCollection(c),
        EntityReferenceCollection refs => new EntityReferenceCollection(refs.Select(r => (EntityReference)CloneSdk(r)!).ToList()),
        Guid[] ids => (Guid[])ids.Clone(),
        string[] strings => (string[])strings.Clone(),
        _ => value,
    };

    public static Entity CloneEntity(Entity source)
    {
        var copy = new Entity(source.LogicalName, source.Id) { RowVersion = source.RowVersion, EntityState = source.EntityState };
        foreach (var attribute in source.Attributes)
            copy.Attributes[attribute.Key] = CloneSdk(attribute.Value);
        foreach (var key in source.KeyAttributes)
            copy.KeyAttributes[key.Key] = CloneSdk(key.Value);
        foreach (var formatted in source.FormattedValues)
            copy.FormattedValues[formatted.Key] = formatted.Value;
        foreach (var related in source.RelatedEntities)
            copy.RelatedEntities[related.Key] = CloneCollection(related.Value);
        return copy;
    }

    public static EntityCollection CloneCollection(EntityCollection source)
    {
        var copy = new EntityCollection(source.Entities.Select(CloneEntity).ToList())
        {
            EntityName = source.EntityName, MoreRecords = source.MoreRecords, PagingCookie = source.PagingCookie,
            TotalRecordCount = source.TotalRecordCount, TotalRecordCountLimitExceeded = source.TotalRecordCountLimitExceeded,
            MinActiveRowVersion = source.MinActiveRowVersion,
        };
        return copy;
    }

    private static KeyAttributeCollection CloneKeys(KeyAttributeCollection? keys)
    {
        var copy = new KeyAttributeCollection();
        foreach (var key in keys ?? [])
            copy[key.Key] = CloneSdk(key.Value);
        return copy;
    }

    private static T Expect<T>(string table, ColumnDefinition column, object value, string expected)
    {
        if (value is T typed)
            return typed;
        throw OrganizationFaults.InvalidValueType(table, column.LogicalName, value, expected);
    }

    private static DateTime ToUtc(DateTime value, DateTimeBehavior behavior)
    {
        // The SDK sends Local values as local time and Utc/Unspecified as UTC; DateOnly columns keep the date part.
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return behavior == DateTimeBehavior.DateOnly ? DateTime.SpecifyKind(utc.Date, DateTimeKind.Utc) : utc;
    }
}
