using EmailConnector.Dataverse.Resilience;
using EmailConnector.Dataverse.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Dataverse.Tests.Resilience;

public class RequestBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AcquireAsync_WithinRate_DoesNotWait()
    {
        using var budget = CreateSut(maxConcurrency: 5, requestsPerWindow: 3);

        for (var i = 0; i < 3; i++)
        {
            var slot = budget.AcquireAsync(CancellationToken.None);
            Assert.True(slot.IsCompletedSuccessfully);
            (await slot).Dispose();
        }
    }

    [Fact]
    public async Task AcquireAsync_BeyondRate_WaitsUntilTheOldestLeavesTheWindow()
    {
        using var budget = CreateSut(maxConcurrency: 5, requestsPerWindow: 2, window: TimeSpan.FromSeconds(10));
        (await budget.AcquireAsync(CancellationToken.None)).Dispose();
        _time.Advance(TimeSpan.FromSeconds(3));
        (await budget.AcquireAsync(CancellationToken.None)).Dispose();

        var third = budget.AcquireAsync(CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        (await third).Dispose();
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero), _time.GetUtcNow());
    }

    [Fact]
    public async Task AcquireAsync_WeightedSlot_CountsItsWeightInTheWindow()
    {
        using var budget = CreateSut(maxConcurrency: 5, requestsPerWindow: 10, window: TimeSpan.FromSeconds(10));
        // A $batch of 8 operations: Dataverse counts each of them.
        (await budget.AcquireAsync(8, CancellationToken.None)).Dispose();
        (await budget.AcquireAsync(2, CancellationToken.None)).Dispose();

        var next = budget.AcquireAsync(CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        (await next).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_WeightAboveTheWindow_TakesTheWholeWindowInsteadOfWaitingForever()
    {
        using var budget = CreateSut(maxConcurrency: 5, requestsPerWindow: 3, window: TimeSpan.FromSeconds(10));

        var slot = budget.AcquireAsync(50, CancellationToken.None);

        Assert.True(slot.IsCompletedSuccessfully);
        (await slot).Dispose();
        Assert.False(budget.AcquireAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_SlotReleasedLate_CountsTheWindowFromTheRelease()
    {
        using var budget = CreateSut(maxConcurrency: 5, requestsPerWindow: 1, window: TimeSpan.FromSeconds(10));
        var first = await budget.AcquireAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        first.Dispose();

        var second = budget.AcquireAsync(CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        (await second).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_BeyondConcurrency_WaitsForARelease()
    {
        using var budget = CreateSut(maxConcurrency: 1, requestsPerWindow: 100);
        var first = await budget.AcquireAsync(CancellationToken.None);

        var second = budget.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        Assert.Equal(1, budget.InFlight);
        first.Dispose();

        (await second).Dispose();
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task PauseUntil_HoldsNewSlotsUntilThen()
    {
        using var budget = CreateSut(maxConcurrency: 5, requestsPerWindow: 100);
        budget.PauseUntil(_time.GetUtcNow().AddSeconds(30));

        var slot = budget.AcquireAsync(CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(slot.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        (await slot).Dispose();
    }

    [Fact]
    public void PauseUntil_Earlier_DoesNotShortenThePause()
    {
        using var budget = CreateSut(maxConcurrency: 5, requestsPerWindow: 100);
        var later = _time.GetUtcNow().AddSeconds(30);

        budget.PauseUntil(later);
        budget.PauseUntil(later.AddSeconds(-20));

        Assert.Equal(later, budget.PausedUntil);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaitingForRate_FreesTheConcurrencySlot()
    {
        using var budget = CreateSut(maxConcurrency: 1, requestsPerWindow: 1);
        (await budget.AcquireAsync(CancellationToken.None)).Dispose();
        using var cancel = new CancellationTokenSource();

        var waiting = budget.AcquireAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, budget.InFlight);
    }

    private RequestBudget CreateSut(int maxConcurrency, int requestsPerWindow, TimeSpan? window = null) =>
        new(maxConcurrency, requestsPerWindow, window ?? TimeSpan.FromMinutes(5), _time, TestMetrics.Create().Metrics);
}
