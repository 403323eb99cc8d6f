namespace EmailConnector.Dataverse.Resilience;

/// <summary>
/// The client-side share of Dataverse's service protection limits (per user: concurrent requests and requests per
/// 5-minute sliding window). Every attempt takes a slot; when a 429 arrives with <c>Retry-After</c> the whole budget
/// pauses, because the server counts per user and every caller of this process would be refused too.
/// All waits go through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class RequestBudget : IDisposable
{
    private readonly SemaphoreSlim _concurrency;
    private readonly Queue<WindowSlot> _recent = new();
    private int _used;
    private readonly object _gate = new();
    private readonly int _requestsPerWindow;
    private readonly long _windowTicks;
    private readonly TimeProvider _time;
    private readonly DataverseMetrics _metrics;
    private long _pausedUntilTicks;

    /// <summary>Creates a budget.</summary>
    public RequestBudget(int maxConcurrency, int requestsPerWindow, TimeSpan window, TimeProvider time, DataverseMetrics metrics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _concurrency = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        MaxConcurrency = maxConcurrency;
        _requestsPerWindow = requestsPerWindow;
        _windowTicks = window.Ticks;
        _time = time;
        _metrics = metrics;
    }

    /// <summary>The most attempts in flight at once.</summary>
    public int MaxConcurrency { get; }

    /// <summary>Attempts in flight now.</summary>
    public int InFlight => MaxConcurrency - _concurrency.CurrentCount;

    /// <summary>Until when new attempts wait because of a server <c>Retry-After</c>, or null.</summary>
    public DateTimeOffset? PausedUntil => Interlocked.Read(ref _pausedUntilTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>Waits for a slot: the pause, then a concurrency slot, then room in the request window.</summary>
    public ValueTask<Slot> AcquireAsync(CancellationToken cancellationToken) => AcquireAsync(1, cancellationToken);

    /// <summary>
    /// Waits for a slot that counts <paramref name="weight"/> requests in the window (a $batch counts each of its
    /// operations, as Dataverse does); a weight above the window's size takes the whole window.
    /// </summary>
    public async ValueTask<Slot> AcquireAsync(int weight, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        await WaitOutPauseAsync(cancellationToken).ConfigureAwait(false);

        if (!_concurrency.Wait(0, CancellationToken.None))
        {
            var started = _time.GetTimestamp();
            await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
            _metrics.BudgetWait("concurrency", _time.GetElapsedTime(started));
        }

        try
        {
            return new Slot(this, await TakeWindowSlotAsync(Math.Min(weight, _requestsPerWindow), cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            _concurrency.Release();
            throw;
        }
    }

    /// <summary>Holds every new attempt until <paramref name="until"/> (never shortens an existing pause).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _pausedUntilTicks);
            if (ticks <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntilTicks, ticks, current) != current);
    }

    /// <inheritdoc />
    public void Dispose() => _concurrency.Dispose();

    private async ValueTask WaitOutPauseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = Interlocked.Read(ref _pausedUntilTicks) - _time.GetUtcNow().UtcTicks;
            if (wait <= 0)
            {
                return;
            }

            _metrics.BudgetWait("paused", TimeSpan.FromTicks(wait));
            await Task.Delay(WholeMilliseconds(wait), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<WindowSlot> TakeWindowSlotAsync(int weight, CancellationToken cancellationToken)
    {
        while (true)
        {
            long wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow().UtcTicks;
                while (_recent.Count > 0 && !_recent.Peek().InFlight && _recent.Peek().Ticks <= now - _windowTicks)
                {
                    _used -= _recent.Dequeue().Weight;
                }

                if (_used + weight <= _requestsPerWindow)
                {
                    var slot = new WindowSlot { Ticks = now, InFlight = true, Weight = weight };
                    _recent.Enqueue(slot);
                    _used += weight;
                    return slot;
                }

                // The oldest attempt may still be in flight: it leaves the window no sooner than a window after now.
                wait = _recent.Peek().InFlight ? _windowTicks : _recent.Peek().Ticks + _windowTicks - now;
            }

            _metrics.BudgetWait("rate", TimeSpan.FromTicks(wait));
            await Task.Delay(WholeMilliseconds(wait), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Task.Delay truncates to whole milliseconds and completes at once below one; rounding up keeps a sub-millisecond
    // remainder from turning the wait loops into a busy spin.
    private static TimeSpan WholeMilliseconds(long ticks) =>
        TimeSpan.FromMilliseconds(Math.Ceiling((double)ticks / TimeSpan.TicksPerMillisecond));

    // The server counts a request when it admits it, somewhere between the slot being taken and released. Counting
    // the slot from its release, and never dropping a slot still in flight, keeps the client's window at least as
    // late as the server's, so latency never makes the client over-send.
    private void Release(WindowSlot slot)
    {
        lock (_gate)
        {
            slot.Ticks = Math.Max(slot.Ticks, _time.GetUtcNow().UtcTicks);
            slot.InFlight = false;
        }

        _concurrency.Release();
    }

    internal sealed class WindowSlot
    {
        public long Ticks { get; set; }

        public bool InFlight { get; set; }

        public int Weight { get; init; } = 1;
    }

    /// <summary>A taken slot; disposing it frees the concurrency slot (the window slot ages out by itself).</summary>
    public readonly struct Slot : IDisposable
    {
        private readonly RequestBudget? _owner;
        private readonly WindowSlot? _stamp;

        internal Slot(RequestBudget owner, WindowSlot stamp)
        {
            _owner = owner;
            _stamp = stamp;
        }

        /// <inheritdoc />
        public void Dispose() => _owner?.Release(_stamp!);
    }
}
