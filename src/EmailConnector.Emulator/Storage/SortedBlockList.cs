namespace EmailConnector.Emulator.Storage;

/// <summary>
/// A sorted set kept in blocks of at most <see cref="BlockSize"/> items: an insert or removal moves at most one block,
/// a seek is two binary searches, and reading from any point on is a plain walk over arrays. A SortedSet would do the
/// same in O(log n) but costs a node per item, and its views count their whole range when created, so resuming a
/// 100,000-item range in the middle would cost a walk over the range on every page.
/// </summary>
internal sealed class SortedBlockList<T>
    where T : struct, IComparable<T>
{
    private const int BlockSize = 256;
    private readonly List<Block> _blocks = [];
    private int _version;

    public int Count { get; private set; }

    /// <summary>Adds the item; false when it is already present.</summary>
    public bool Add(T item)
    {
        if (_blocks.Count == 0)
        {
            _blocks.Add(new Block(item));
            Count = 1;
            _version++;
            return true;
        }

        var blockIndex = BlockFor(item);
        var block = _blocks[blockIndex];
        var position = block.Search(item);
        if (position >= 0)
            return false;
        block.Insert(~position, item);
        if (block.Length == BlockSize)
            _blocks.Insert(blockIndex + 1, block.SplitUpperHalf());
        Count++;
        _version++;
        return true;
    }

    /// <summary>Removes the item; false when it is absent.</summary>
    public bool Remove(T item)
    {
        if (_blocks.Count == 0)
            return false;
        var blockIndex = BlockFor(item);
        var block = _blocks[blockIndex];
        var position = block.Search(item);
        if (position < 0)
            return false;
        block.RemoveAt(position);
        if (block.Length == 0)
            _blocks.RemoveAt(blockIndex);
        Count--;
        _version++;
        return true;
    }

    public void Clear()
    {
        _blocks.Clear();
        Count = 0;
        _version++;
    }

    /// <summary>The items ≥ <paramref name="start"/> in order, read lazily; changing the set while reading throws.</summary>
    public IEnumerable<T> From(T start)
    {
        if (_blocks.Count == 0)
            yield break;
        var version = _version;
        var blockIndex = BlockFor(start);
        var position = _blocks[blockIndex].Search(start);
        position = position < 0 ? ~position : position;
        for (; blockIndex < _blocks.Count; blockIndex++, position = 0)
        {
            var block = _blocks[blockIndex];
            for (; position < block.Length; position++)
            {
                if (version != _version)
                    throw new InvalidOperationException("The set was changed while it was being read.");
                yield return block.Items[position];
            }
        }
    }

    // The first block whose last item is ≥ the item, else the last block (where a larger item is appended).
    private int BlockFor(T item)
    {
        int low = 0, high = _blocks.Count - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_blocks[middle].Last.CompareTo(item) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    private sealed class Block
    {
        public Block(T first)
        {
            Items = new T[4];
            Items[0] = first;
            Length = 1;
        }

        private Block(T[] items, int length)
        {
            Items = items;
            Length = length;
        }

        public T[] Items { get; private set; }

        public int Length { get; private set; }

        public T Last => Items[Length - 1];

        public int Search(T item) => Array.BinarySearch(Items, 0, Length, item);

        public void Insert(int position, T item)
        {
            if (Length == Items.Length)
            {
                var grown = new T[Math.Min(Items.Length * 2, BlockSize)];
                Array.Copy(Items, grown, Length);
                Items = grown;
            }
            Array.Copy(Items, position, Items, position + 1, Length - position);
            Items[position] = item;
            Length++;
        }

        public void RemoveAt(int position)
        {
            Length--;
            Array.Copy(Items, position + 1, Items, position, Length - position);
            Items[Length] = default;
        }

        public Block SplitUpperHalf()
        {
            var keep = Length / 2;
            var upper = new T[BlockSize];
            Array.Copy(Items, keep, upper, 0, Length - keep);
            Array.Clear(Items, keep, Length - keep);
            var block = new Block(upper, Length - keep);
            Length = keep;
            return block;
        }
    }
}
