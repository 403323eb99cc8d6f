using EmailConnector.Emulator.Storage;

namespace EmailConnector.Emulator.Tests.Storage;

public class ValueIndexTests
{
    private static readonly Guid RowA = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid RowB = new("00000000-0000-0000-0000-00000000000b");

    [Fact]
    public void GuidKeyed_LookupsAndGuidsShareTheirId_AndOtherKeysFindNothing()
    {
        var index = new ValueIndex(guidKeyed: true);
        var target = Guid.NewGuid();

        index.Add(new LookupValue("list", target), RowB);
        index.Add(target, RowA);

        Assert.Equal([RowA, RowB], index.Find(target)!.Ids());
        Assert.Null(index.Find(target.ToString()));
        Assert.Null(index.Find(Guid.NewGuid()));
    }

    [Fact]
    public void Remove_LastRowOfAValue_DropsTheValue()
    {
        var index = new ValueIndex(guidKeyed: true);
        var target = Guid.NewGuid();
        index.Add(new LookupValue("list", target), RowA);
        index.Add(new LookupValue("list", target), RowB);

        index.Remove(new LookupValue("list", target), RowA);
        Assert.Equal([RowB], index.Find(target)!.Ids());
        index.Remove(new LookupValue("list", target), RowB);

        Assert.Null(index.Find(target));
    }

    [Fact]
    public void ValueKeyed_StringsIgnoreCase()
    {
        var index = new ValueIndex(guidKeyed: false);
        index.Add("Key-1", RowA);

        Assert.Equal([RowA], index.Find("KEY-1")!.Ids());
        index.Remove("key-1", RowA);
        Assert.Null(index.Find("Key-1"));
    }
}
