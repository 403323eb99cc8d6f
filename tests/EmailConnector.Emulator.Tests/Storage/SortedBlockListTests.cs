using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.Storage;

namespace EmailConnector.Emulator.Tests.Storage;

public class SortedBlockListTests
{
    [Fact]
    public void AddAndRemove_ManyItemsAcrossBlocks_MatchASortedSetAtEveryStartPoint()
    {
        var random = new Random(7);
        var list = new SortedBlockList<Guid>();
        var model = new SortedSet<Guid>(QueryRowOrder.Ids);
        var pool = Enumerable.Range(0, 3000).Select(_ => NewGuid(random)).ToArray();
        for (var step = 0; step < 12000; step++)
        {
            var item = pool[random.Next(pool.Length)];
            if (random.Next(3) == 0)
                Assert.Equal(model.Remove(item), list.Remove(item));
            else
                Assert.Equal(model.Add(item), list.Add(item));
        }

        Assert.Equal(model.Count, list.Count);
        Assert.Equal(model.ToList(), list.From(Guid.Empty).ToList());
        foreach (var start in pool.Take(50))
            Assert.Equal(model.Where(g => QueryRowOrder.Ids.Compare(g, start) >= 0).ToList(), list.From(start).ToList());
    }

    [Fact]
    public void From_PastTheLastItem_IsEmpty_AndEmptyListReadsNothing()
    {
        var list = new SortedBlockList<int>();
        Assert.Empty(list.From(0));
        list.Add(5);
        list.Add(1);

        Assert.Equal([1, 5], list.From(int.MinValue));
        Assert.Equal([5], list.From(2));
        Assert.Empty(list.From(6));
        Assert.False(list.Add(5));
        Assert.False(list.Remove(3));
    }

    [Fact]
    public void From_SetChangedWhileReading_Throws()
    {
        var list = new SortedBlockList<int>();
        for (var i = 0; i < 10; i++)
            list.Add(i);

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var item in list.From(0))
                list.Add(100 + item);
        });
    }

    [Fact]
    public void Clear_RemovesEverything()
    {
        var list = new SortedBlockList<int>();
        for (var i = 0; i < 1000; i++)
            list.Add(i);

        list.Clear();

        Assert.Equal(0, list.Count);
        Assert.Empty(list.From(int.MinValue));
    }

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
