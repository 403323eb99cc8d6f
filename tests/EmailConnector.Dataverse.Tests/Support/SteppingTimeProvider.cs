using System.Collections.Concurrent;

namespace EmailConnector.Dataverse.Tests.Support;

/// <summary>
/// A virtual clock for code that waits: every timer moves the clock forward to its due time at once and fires. Each
/// wait is recorded, so a test can show what was waited for without any real sleeping. With several callers waiting
/// at the same time the clock moves to the latest due time, as real time would.
/// </summary>
public sealed class SteppingTimeProvider : TimeProvider
{
    private long _utcTicks;

    /// <summary>Starts the clock at <paramref name="start"/>.</summary>
    public SteppingTimeProvider(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    /// <summary>Every timer's due time, in order of creation.</summary>
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref _utcTicks);

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new SteppingTimer(this, callback, state, dueTime);

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => Interlocked.Add(ref _utcTicks, delta.Ticks);

    private void MoveTo(long ticks)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _utcTicks);
            if (ticks <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _utcTicks, ticks, current) != current);
    }

    private sealed class SteppingTimer : ITimer
    {
        private readonly SteppingTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private int _disposed;

        public SteppingTimer(SteppingTimeProvider owner, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan)
            {
                throw new NotSupportedException("SteppingTimeProvider runs one-shot timers only.");
            }

            if (dueTime == Timeout.InfiniteTimeSpan || Volatile.Read(ref _disposed) == 1)
            {
                return true;
            }

            _owner.Waits.Enqueue(dueTime);
            _owner.MoveTo(_owner.GetUtcNow().UtcTicks + dueTime.Ticks);
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    _callback(_state);
                }
            }, null);
            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
