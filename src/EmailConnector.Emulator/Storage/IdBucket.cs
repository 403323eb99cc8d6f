using EmailConnector.Emulator.Query;

namespace EmailConnector.Emulator.Storage;

/// <summary>
/// The ids sharing one indexed value, in keyset order. Most values of a lookup index (listmember.entityid) have one
/// row, so a single id is kept inline and a sorted set is only made for the second.
/// </summary>
internal sealed class IdBucket
{
    private Guid _single;
    private SortedSet<Guid>? _many;

    public int Count => _many?.Count ?? (_single == Guid.Empty ? 0 : 1);

    public void Add(Guid id)
    {
        if (_many is not null)
        {
            _many.Add(id);
        }
        else if (_single == Guid.Empty)
        {
            _single = id;
        }
        else if (_single != id)
        {
            _many = new SortedSet<Guid>(QueryRowOrder.Ids) { _single, id };
            _single = Guid.Empty;
        }
    }

    public void Remove(Guid id)
    {
        if (_many is not null)
        {
            _many.Remove(id);
            if (_many.Count == 1)
            {
                _single = _many.Min;
                _many = null;
            }
        }
        else if (_single == id)
        {
            _single = Guid.Empty;
        }
    }

    public IEnumerable<Guid> Ids()
    {
        if (_many is not null)
            return _many;
        return _single == Guid.Empty ? [] : [_single];
    }

    public Guid? Any() => _many?.Min ?? (_single == Guid.Empty ? null : _single);
}
