using EmailConnector.Emulator.Metadata;
using System.Collections;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Query;

/// <summary>
/// Value rules of the engine. Stored values are SDK-typed (OptionSetValue, Money, EntityReference, ...) and are
/// reduced to one comparable scalar per column type: int for choices, decimal for money, Guid for lookups, UTC
/// DateTime, case-insensitive string. Condition literals (typed from QueryExpression, text from FetchXML and OData)
/// are converted to the same scalar by the column's declared type.
/// </summary>
internal static class QueryValues
{
    public static readonly IEqualityComparer<object> KeyComparer = new ScalarEqualityComparer();

    /// <summary>The comparable scalar of a stored value, or null.</summary>
    public static object? Scalar(object? stored) => stored switch
    {
        null => null,
        OptionSetValue option => option.Value,
        Money money => money.Value,
        EntityReference reference => reference.Id,
        DateTime date => Utc(date),
        _ => stored,
    };

    public static bool IsText(ColumnType type) =>
        type is ColumnType.String or ColumnType.Memo or ColumnType.EntityName;

    public static bool IsDate(ColumnType type) => type == ColumnType.DateTime;

    /// <summary>Converts a condition literal to the scalar of the column type, or throws Dataverse's type error.</summary>
    public static object? Coerce(object? literal, ColumnType type, string table, string column)
    {
        if (literal is null)
        {
            return null;
        }

        try
        {
            var coerced = literal is string text ? Parse(text, type) : Convert(literal, type);
            if (coerced is not null)
            {
                return coerced;
            }
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
        {
            throw QueryErrors.InvalidQuery(
                $"An exception {ex.GetType().FullName} was thrown while trying to convert input value '{literal}' to "
                + $"attribute '{table}.{column}'. Expected type of attribute value: {ClrName(type)}.");
        }

        throw QueryErrors.InvalidQuery(
            $"Condition for attribute '{table}.{column}': expected argument(s) of type '{ClrName(type)}' but "
            + $"received '{literal.GetType().FullName}'.");
    }

    /// <summary>Integer argument of the relative-date operators (the X of last-x-days).</summary>
    public static int CoerceCount(object? literal, string table, string column) =>
        Coerce(literal, ColumnType.Integer, table, column) is int count
            ? count
            : throw QueryErrors.InvalidQuery($"Condition for attribute '{table}.{column}': a whole number is required.");

    /// <summary>Orders two scalars of one column type; null sorts first, as in SQL Server.</summary>
    public static int Compare(object? left, object? right)
    {
        if (left is null)
        {
            return right is null ? 0 : -1;
        }

        if (right is null)
        {
            return 1;
        }

        if (left is string l && right is string r)
        {
            return string.Compare(l, r, StringComparison.OrdinalIgnoreCase);
        }

        if (left is Guid lg && right is Guid rg)
        {
            return QueryRowOrder.Ids.Compare(lg, rg);
        }

        return ((IComparable)left).CompareTo(right);
    }

    public static bool AreEqual(object? left, object? right) => left is not null && right is not null && Compare(left, right) == 0;

    /// <summary>A copy of a stored value, so no caller ever holds the store's mutable instance.</summary>
    public static object Clone(object value) => value switch
    {
        EntityReference reference => new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name },
        OptionSetValue option => new OptionSetValue(option.Value),
        Money money => new Money(money.Value),
        OptionSetValueCollection options => new OptionSetValueCollection(options.Select(o => new OptionSetValue(o.Value)).ToList()),
        byte[] bytes => bytes.ToArray(),
        EntityCollection collection => CloneCollection(collection),
        Entity entity => CloneEntity(entity),
        _ => value,
    };

    /// <summary>Flattens collection literals (an int[] passed as one In value) into single values.</summary>
    public static IEnumerable<object?> Flatten(IEnumerable<object?> values)
    {
        foreach (var value in values)
        {
            if (value is IEnumerable items and not string and not byte[])
            {
                foreach (var item in items)
                {
                    yield return item;
                }
            }
            else
            {
                yield return value;
            }
        }
    }

    public static string Format(object scalar) => scalar switch
    {
        Guid id => id.ToString("B").ToUpperInvariant(),
        DateTime date => date.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "1" : "0",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => scalar.ToString() ?? string.Empty,
    };

    public static object? Parse(string text, ColumnType type)
    {
        var trimmed = text.Trim();
        return type switch
        {
            ColumnType.String or ColumnType.Memo or ColumnType.EntityName => text,
            ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status =>
                int.Parse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture),
            ColumnType.BigInt => long.Parse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture),
            ColumnType.Decimal or ColumnType.Money =>
                decimal.Parse(trimmed, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture),
            ColumnType.Double => double.Parse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture),
            ColumnType.Boolean => trimmed switch
            {
                "1" => true,
                "0" => false,
                _ => bool.Parse(trimmed),
            },
            ColumnType.DateTime => DateTime.Parse(
                trimmed,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.Uniqueidentifier =>
                Guid.Parse(trimmed),
            ColumnType.MultiSelectPicklist => throw QueryErrors.Unsupported("conditions on multi-select choice columns"),
            _ => throw QueryErrors.Unsupported($"conditions on columns of type {type}"),
        };
    }

    private static object? Convert(object literal, ColumnType type)
    {
        return type switch
        {
            ColumnType.String or ColumnType.Memo or ColumnType.EntityName => literal as string,
            ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => literal switch
            {
                OptionSetValue option => option.Value,
                int or short or byte or long or Enum => System.Convert.ToInt32(literal, CultureInfo.InvariantCulture),
                _ => null,
            },
            ColumnType.BigInt => literal is int or long or short ? System.Convert.ToInt64(literal, CultureInfo.InvariantCulture) : null,
            ColumnType.Decimal or ColumnType.Money => literal switch
            {
                Money money => money.Value,
                decimal or int or long or double or float => System.Convert.ToDecimal(literal, CultureInfo.InvariantCulture),
                _ => null,
            },
            ColumnType.Double => literal is double or float or int or long or decimal
                ? System.Convert.ToDouble(literal, CultureInfo.InvariantCulture)
                : null,
            ColumnType.Boolean => literal switch
            {
                bool flag => flag,
                int and (0 or 1) => (int)literal == 1,
                _ => null,
            },
            ColumnType.DateTime => literal is DateTime date ? Utc(date) : null,
            ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.Uniqueidentifier => literal switch
            {
                Guid id => id,
                EntityReference reference => reference.Id,
                _ => null,
            },
            ColumnType.MultiSelectPicklist => throw QueryErrors.Unsupported("conditions on multi-select choice columns"),
            _ => throw QueryErrors.Unsupported($"conditions on columns of type {type}"),
        };
    }

    private static DateTime Utc(DateTime date) => date.Kind switch
    {
        DateTimeKind.Utc => date,
        DateTimeKind.Local => date.ToUniversalTime(),
        _ => DateTime.SpecifyKind(date, DateTimeKind.Utc),
    };

    private static string ClrName(ColumnType type) => type switch
    {
        ColumnType.String or ColumnType.Memo or ColumnType.EntityName => "System.String",
        ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => "System.Int32",
        ColumnType.BigInt => "System.Int64",
        ColumnType.Decimal or ColumnType.Money => "System.Decimal",
        ColumnType.Double => "System.Double",
        ColumnType.Boolean => "System.Boolean",
        ColumnType.DateTime => "System.DateTime",
        _ => "System.Guid",
    };

    private static EntityCollection CloneCollection(EntityCollection source)
    {
        var copy = new EntityCollection { EntityName = source.EntityName };
        foreach (var entity in source.Entities)
        {
            copy.Entities.Add(CloneEntity(entity));
        }

        return copy;
    }

    private static Entity CloneEntity(Entity source)
    {
        var copy = new Entity(source.LogicalName) { Id = source.Id };
        foreach (var attribute in source.Attributes)
        {
            copy.Attributes[attribute.Key] = attribute.Value is null ? null : Clone(attribute.Value);
        }

        return copy;
    }

    private sealed class ScalarEqualityComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => Compare(x, y) == 0;

        public int GetHashCode(object obj) =>
            obj is string text ? StringComparer.OrdinalIgnoreCase.GetHashCode(text) : obj.GetHashCode();
    }
}
