namespace EmailConnector.Emulator.Storage;

/// <summary>
/// Equality of stored values for indexes and keys: strings ignore case as Dataverse's default collation does, lookups
/// compare by id, everything else by value.
/// </summary>
internal sealed class IndexKeyComparer : IEqualityComparer<object>
{
    public static readonly IndexKeyComparer Instance = new();

    public static object Normalize(object value) => value is LookupValue lookup ? lookup.Id : value;

    public new bool Equals(object? x, object? y)
    {
        // Lookup indexes hold Guids: compared unboxed, as every join and seek probes them once per row.
        if (x is Guid gx)
            return y is Guid gy && gx == gy;
        if (x is string sx && y is string sy)
            return string.Equals(sx, sy, StringComparison.OrdinalIgnoreCase);
        if (x is CompositeKey kx && y is CompositeKey ky)
            return kx.Equals(ky);
        return object.Equals(x, y);
    }

    public int GetHashCode(object obj) => obj switch
    {
        string s => StringComparer.OrdinalIgnoreCase.GetHashCode(s),
        _ => obj.GetHashCode(),
    };
}

/// <summary>The values of one alternate key on one row.</summary>
internal sealed class CompositeKey(object[] values) : IEquatable<CompositeKey>
{
    public object[] Values { get; } = values;

    public bool Equals(CompositeKey? other)
    {
        if (other is null || other.Values.Length != Values.Length)
            return false;
        for (var i = 0; i < Values.Length; i++)
        {
            if (!IndexKeyComparer.Instance.Equals(Values[i], other.Values[i]))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as CompositeKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values)
            hash.Add(IndexKeyComparer.Instance.GetHashCode(value));
        return hash.ToHashCode();
    }
}
