using System;
using System.Collections;
using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk;

/// <summary>
/// Dictionary-backed collection used for attributes, parameters, images and keys. Keys compare with the backing
/// dictionary's comparer (ordinal for strings), so attribute names are case-sensitive as in Dataverse.
/// </summary>
public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>
{
    private readonly IDictionary<TKey, TValue> _items;

    protected DataCollection()
        : this(new Dictionary<TKey, TValue>())
    {
    }

    protected DataCollection(IDictionary<TKey, TValue> collection)
    {
        _items = collection ?? throw new ArgumentNullException(nameof(collection));
    }

    public virtual TValue this[TKey key]
    {
        get => _items[key];
        set
        {
            CheckIsReadOnly();
            _items[key] = value;
        }
    }

    public int Count => _items.Count;

    public ICollection<TKey> Keys => _items.Keys;

    public ICollection<TValue> Values => _items.Values;

    public virtual bool IsReadOnly => false;

    public void Add(TKey key, TValue value)
    {
        CheckIsReadOnly();
        _items.Add(key, value);
    }

    public void Add(KeyValuePair<TKey, TValue> item)
    {
        CheckIsReadOnly();
        _items.Add(item);
    }

    public void AddRange(params KeyValuePair<TKey, TValue>[] items)
    {
        AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);
    }

    public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        CheckIsReadOnly();
        if (items == null)
            return;
        foreach (var item in items)
            _items.Add(item);
    }

    public void Clear()
    {
        CheckIsReadOnly();
        _items.Clear();
    }

    public bool Contains(TKey key) => _items.ContainsKey(key);

    public bool Contains(KeyValuePair<TKey, TValue> key) => _items.Contains(key);

    public bool ContainsKey(TKey key) => _items.ContainsKey(key);

    public bool TryGetValue(TKey key, out TValue value) => _items.TryGetValue(key, out value);

    public bool Remove(TKey key)
    {
        CheckIsReadOnly();
        return _items.Remove(key);
    }

    public bool Remove(KeyValuePair<TKey, TValue> item)
    {
        CheckIsReadOnly();
        return _items.Remove(item);
    }

    public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void CheckIsReadOnly()
    {
        if (IsReadOnly)
            throw new InvalidOperationException("The collection is read-only.");
    }
}
