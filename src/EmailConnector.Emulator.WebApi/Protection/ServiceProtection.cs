using System.Globalization;
using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.Protection;

/// <summary>
/// Dataverse's service protection limits (dataverse.md §4.1), per user over a sliding window: the number of requests
/// (each operation of a $batch counts), the combined execution time, and concurrent requests. A refusal is a 429 with
/// Retry-After (the time until the window frees enough) and the limit's error code; the concurrency limit fails at once.
/// </summary>
public sealed class ServiceProtection
{
    private readonly ServiceProtectionOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<Guid, UserState> _users = [];
    private readonly object _gate = new();

    public ServiceProtection(ServiceProtectionOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
    }

    public bool Enabled => _options.Enabled;

    private sealed class UserState
    {
        public Queue<(DateTimeOffset At, int Count)> Requests { get; } = new();

        public Queue<(DateTimeOffset At, TimeSpan Duration)> Executions { get; } = new();

        public int RequestTotal { get; set; }

        public TimeSpan ExecutionTotal { get; set; }

        public int InFlight { get; set; }
    }

    /// <summary>A request admitted into the window; dispose it when the request ends to record its execution time.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly ServiceProtection? _owner;
        private readonly Guid _user;
        private readonly long _started;
        private bool _done;

        internal Lease(ServiceProtection? owner, Guid user, long started)
        {
            _owner = owner;
            _user = user;
            _started = started;
        }

        public void Dispose()
        {
            if (_done || _owner is null)
                return;
            _done = true;
            _owner.Exit(_user, _owner._clock.GetElapsedTime(_started));
        }
    }

    /// <summary>Admits a request counting as <paramref name="operations"/> requests, or throws the 429.</summary>
    public Lease Enter(Guid user)
    {
        if (!_options.Enabled)
            return new Lease(null, user, 0);
        lock (_gate)
        {
            var state = State(user);
            var now = _clock.GetUtcNow();
            Prune(state, now);
            if (state.InFlight >= _options.ConcurrencyLimit)
            {
                throw new WebApiException(429, ErrorCodes.ThrottlingConcurrency.Hex,
                    $"Number of concurrent requests exceeded the limit of {_options.ConcurrencyLimit}.", _options.ConcurrencyRetryAfter);
            }
            if (state.RequestTotal >= _options.RequestLimit)
            {
                throw new WebApiException(429, ErrorCodes.ThrottlingRequests.Hex,
                    $"Number of requests exceeded the limit of {_options.RequestLimit} over time window of {WindowSeconds} seconds.",
                    RetryAfter(state.Requests.Peek().At, now));
            }
            if (state.ExecutionTotal >= _options.ExecutionTimeLimit)
            {
                throw new WebApiException(429, ErrorCodes.ThrottlingTime.Hex,
                    $"Combined execution time of incoming requests exceeded limit of {_options.ExecutionTimeLimit.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} milliseconds over time window of {WindowSeconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.",
                    RetryAfter(state.Executions.Peek().At, now));
            }
            state.InFlight++;
            Count(state, now, 1);
            return new Lease(this, user, _clock.GetTimestamp());
        }
    }

    /// <summary>Counts the further operations of a $batch admitted with one request; refuses when they overflow the window.</summary>
    public WebApiException? AddOperations(Guid user, int operations)
    {
        if (!_options.Enabled || operations <= 0)
            return null;
        lock (_gate)
        {
            var state = State(user);
            var now = _clock.GetUtcNow();
            if (state.RequestTotal + operations > _options.RequestLimit)
            {
                return new WebApiException(429, ErrorCodes.ThrottlingRequests.Hex,
                    $"Number of requests exceeded the limit of {_options.RequestLimit} over time window of {WindowSeconds} seconds.",
                    RetryAfter(state.Requests.Count > 0 ? state.Requests.Peek().At : now, now));
            }
            Count(state, now, operations);
            return null;
        }
    }

    /// <summary>The diagnostic headers Dataverse sends (dataverse.md §4.1): requests and execution time left.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers(Guid user)
    {
        if (!_options.Enabled)
            yield break;
        int requests;
        double milliseconds;
        lock (_gate)
        {
            var state = State(user);
            Prune(state, _clock.GetUtcNow());
            requests = Math.Max(0, _options.RequestLimit - state.RequestTotal);
            milliseconds = Math.Max(0, (_options.ExecutionTimeLimit - state.ExecutionTotal).TotalMilliseconds);
        }
        yield return new("x-ms-ratelimit-burst-remaining-xrm-requests", requests.ToString(CultureInfo.InvariantCulture));
        yield return new("x-ms-ratelimit-time-remaining-xrm-requests", milliseconds.ToString("0.00", CultureInfo.InvariantCulture));
    }

    private string WindowSeconds => _options.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    private void Exit(Guid user, TimeSpan duration)
    {
        lock (_gate)
        {
            var state = State(user);
            state.InFlight--;
            state.Executions.Enqueue((_clock.GetUtcNow(), duration));
            state.ExecutionTotal += duration;
        }
    }

    private static void Count(UserState state, DateTimeOffset now, int operations)
    {
        state.Requests.Enqueue((now, operations));
        state.RequestTotal += operations;
    }

    private UserState State(Guid user)
    {
        if (!_users.TryGetValue(user, out var state))
            _users[user] = state = new UserState();
        return state;
    }

    private void Prune(UserState state, DateTimeOffset now)
    {
        var start = now - _options.Window;
        while (state.Requests.Count > 0 && state.Requests.Peek().At <= start)
            state.RequestTotal -= state.Requests.Dequeue().Count;
        while (state.Executions.Count > 0 && state.Executions.Peek().At <= start)
            state.ExecutionTotal -= state.Executions.Dequeue().Duration;
    }

    private TimeSpan RetryAfter(DateTimeOffset oldest, DateTimeOffset now)
    {
        var wait = oldest + _options.Window - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }
}
