using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// The worker's view of the front's fake clock. It records every timer the worker starts, so a test can wait for
/// the worker to reach a wait (the queue loop idle after a pass, the reaction scheduler between passes) instead of
/// sleeping; when <see cref="Stepping"/>, every timer moves the shared clock to its due time at once, so a worker
/// that waits out a <c>Retry-After</c> or a backoff does so without real time passing.
/// </summary>
internal sealed class WorkerClock(FakeTimeProvider inner, bool stepping = false) : TimeProvider
{
    private readonly object _gate = new();
    private readonly object _stepGate = new();
    private readonly List<TimeSpan> _timers = [];
    private readonly List<(TimeSpan Due, int Count, TaskCompletionSource Reached)> _waiters = [];

    public bool Stepping { get; } = stepping;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    /// <summary>How many timers with this due time the worker has started.</summary>
    public int TimersOf(TimeSpan due)
    {
        lock (_gate)
            return _timers.Count(t => t == due);
    }

    /// <summary>Completes when the worker has started its <paramref name="count"/>th timer of <paramref name="due"/>.</summary>
    public Task WhenTimerAsync(TimeSpan due, int count, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_timers.Count(t => t == due) >= count)
                return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((due, count, reached));
            return reached.Task.WaitAsync(timeout);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        Started(dueTime);
        return timer;
    }

    private void MoveTo(DateTimeOffset target)
    {
        lock (_stepGate)
        {
            var now = inner.GetUtcNow();
            if (target > now)
                inner.Advance(target - now);
        }
    }

    private void Started(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
            return;
        if (Stepping && dueTime > TimeSpan.Zero)
        {
            // Not inline: the fake clock fires callbacks synchronously, and the caller has not stored its timer yet.
            var target = inner.GetUtcNow() + dueTime;
            ThreadPool.UnsafeQueueUserWorkItem(_ => MoveTo(target), null);
        }

        List<TaskCompletionSource> reached;
        lock (_gate)
        {
            _timers.Add(dueTime);
            var done = _waiters.Where(w => w.Due == dueTime && _timers.Count(t => t == dueTime) >= w.Count).ToList();
            foreach (var waiter in done)
                _waiters.Remove(waiter);
            reached = done.Select(w => w.Reached).ToList();
        }

        foreach (var waiter in reached)
            waiter.TrySetResult();
    }
}
