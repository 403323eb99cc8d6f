namespace EmailConnector.Emulator.Storage;

/// <summary>
/// One column's index: value → the ids holding it. Guid-valued columns (lookups, unique identifiers) are keyed by the
/// Guid itself, so a probe compares keys inside the dictionary's own entries instead of following a pointer to a boxed
/// Guid per entry: joins probe once per row, and on a million-row table each such pointer is a cache miss. Other
/// columns (alternate keys) go through <see cref="IndexKeyComparer"/>, strings ignoring case.
/// </summary>
internal sealed class ValueIndex(bool guidKeyed)
{
    private readonly Dictionary<Guid, IdBucket>? _byGuid = guidKeyed ? [] : null;
    private readonly Dictionary<object, IdBucket>? _byValue = guidKeyed ? null : new(IndexKeyComparer.Instance);

    /// <summary>The bucket of a normalized value (see <see cref="IndexKeyComparer.Normalize"/>), if any row holds it.</summary>
    public IdBucket? Find(object key)
    {
        if (_byGuid is not null)
            return key is Guid id && _byGuid.TryGetValue(id, out var bucket) ? bucket : null;
        return _byValue!.TryGetValue(key, out var found) ? found : null;
    }

    /// <summary>Adds a row under its stored value (a lookup is indexed by its id).</summary>
    public void Add(object stored, Guid rowId)
    {
        IdBucket? bucket;
        if (_byGuid is not null)
        {
            var id = GuidOf(stored);
            if (!_byGuid.TryGetValue(id, out bucket))
                _byGuid[id] = bucket = new IdBucket();
        }
        else
        {
            var key = IndexKeyComparer.Normalize(stored);
            if (!_byValue!.TryGetValue(key, out bucket))
                _byValue[key] = bucket = new IdBucket();
        }
        bucket.Add(rowId);
    }

    public void Remove(object stored, Guid rowId)
    {
        if (_byGuid is not null)
        {
            var id = GuidOf(stored);
            if (_byGuid.TryGetValue(id, out var bucket))
            {
                bucket.Remove(rowId);
                if (bucket.Count == 0)
                    _byGuid.Remove(id);
            }
        }
        else
        {
            var key = IndexKeyComparer.Normalize(stored);
            if (_byValue!.TryGetValue(key, out var bucket))
            {
                bucket.Remove(rowId);
                if (bucket.Count == 0)
                    _byValue.Remove(key);
            }
        }
    }

    private static Guid GuidOf(object stored) => stored is LookupValue lookup ? lookup.Id : (Guid)stored;

    public void Clear()
    {
        _byGuid?.Clear();
        _byValue?.Clear();
    }
}
