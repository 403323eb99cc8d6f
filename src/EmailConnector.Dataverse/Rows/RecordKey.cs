using System.Text;

namespace EmailConnector.Dataverse.Rows;

/// <summary>
/// Addresses one row: by primary key (<c>contacts(&lt;guid&gt;)</c>) or by an alternate key
/// (<c>contacts(emailaddress1='a@b.c')</c>, composite keys as <c>k1=v1,k2=v2</c>).
/// </summary>
public sealed class RecordKey
{
    private readonly KeyValuePair<string, object?>[] _values;

    private RecordKey(Guid? id, KeyValuePair<string, object?>[] values)
    {
        Id = id;
        _values = values;
    }

    /// <summary>The primary key, or null for an alternate key.</summary>
    public Guid? Id { get; }

    /// <summary>The alternate key columns and values (empty for a primary key).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> AlternateKey => _values;

    /// <summary>A primary-key address.</summary>
    public static RecordKey ForId(Guid id) => new(id, []);

    /// <summary>An alternate-key address of one or more columns (lookup columns as <c>_x_value</c>).</summary>
    public static RecordKey ForAlternateKey(params (string Column, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("An alternate key needs at least one column.", nameof(values));
        }

        foreach (var (column, value) in values)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(column);
            if (value is null)
            {
                throw new ArgumentException($"Alternate key column '{column}' has no value.", nameof(values));
            }
        }

        return new RecordKey(null, values.Select(v => new KeyValuePair<string, object?>(v.Column, v.Value)).ToArray());
    }

    /// <summary>Implicit primary-key address.</summary>
    public static implicit operator RecordKey(Guid id) => ForId(id);

    /// <summary>The key segment inside the parentheses, URL-encoded: <c>00000000-…</c> or <c>emailaddress1='a%40b.c'</c>.</summary>
    public string ToUrlSegment()
    {
        if (Id is { } id)
        {
            return id.ToString("D");
        }

        var builder = new StringBuilder();
        foreach (var (column, value) in _values)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(column).Append('=').Append(EscapeKeyValue(ODataLiteral.Format(value)));
        }

        return builder.ToString();
    }

    // Quotes and @ are legal in a path segment; keeping them literal gives the URLs of Microsoft's documentation
    // (contacts(emailaddress1='a@b.c')) instead of relying on the server to decode them.
    private static string EscapeKeyValue(string literal) =>
        Uri.EscapeDataString(literal).Replace("%27", "'", StringComparison.Ordinal).Replace("%40", "@", StringComparison.Ordinal);

    /// <summary>The relative path of the row: <c>&lt;set&gt;(&lt;key&gt;)</c>.</summary>
    public string ToPath(string entitySet) => entitySet + "(" + ToUrlSegment() + ")";

    /// <inheritdoc />
    public override string ToString() => Id is { } id ? id.ToString("D") : "alternate key (" + string.Join(",", _values.Select(v => v.Key)) + ")";
}
