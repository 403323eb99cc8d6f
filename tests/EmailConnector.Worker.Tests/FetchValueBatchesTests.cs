namespace EmailConnector.Worker.Tests;

public sealed class FetchValueBatchesTests
{
    [Fact]
    public void Of_LongValues_KeepsEveryBatchWithinTheBudgetAndEveryValueOnce()
    {
        var values = Enumerable.Range(0, 500).Select(i => new string('a', 240) + i + "@example.com").ToList();

        var batches = FetchValueBatches.Of(values).ToList();

        Assert.True(batches.Count > 1);
        Assert.All(batches, b => Assert.True(b.Sum(v => 25 + Uri.EscapeDataString(v).Length) <= FetchValueBatches.DefaultBudget));
        Assert.Equal(values, batches.SelectMany(b => b));
    }

    [Fact]
    public void Of_ShortValues_StopsAtTheValueCount()
    {
        var values = Enumerable.Range(0, 2500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var batches = FetchValueBatches.Of(values, budget: int.MaxValue).ToList();

        Assert.Equal([1000, 1000, 500], batches.Select(b => b.Length));
    }

    [Fact]
    public void Of_MarkupInValues_CountsTheEscapedLength()
    {
        var plain = FetchValueBatches.Of(Enumerable.Repeat("ab", 100), budget: 100 * (25 + 2)).ToList();
        var markup = FetchValueBatches.Of(Enumerable.Repeat("a&", 100), budget: 100 * (25 + 2)).ToList();

        Assert.Single(plain);
        Assert.True(markup.Count > 1);
    }

    [Fact]
    public void Of_NoValues_NoBatch() => Assert.Empty(FetchValueBatches.Of([]));
}
