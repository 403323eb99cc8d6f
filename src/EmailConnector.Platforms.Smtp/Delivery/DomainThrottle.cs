using System.Collections.Concurrent;

namespace EmailConnector.Platforms.Smtp.Delivery;

/// <summary>
/// Per recipient domain: a token bucket of <c>PerDomainMessagesPerMinute</c> (burst of one minute's worth) and a
/// pause after the domain deferred a message (421/45x, e.g. Gmail's 4.7.x rate limits). A throttled delivery is not
/// waited for: it goes back to the queue with the time the domain is free again. Thread-safe; time comes from the
/// injected clock.
/// </summary>
internal sealed class DomainThrottle(int messagesPerMinute, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes a send slot for <paramref name="domain"/>, or says when one is free.</summary>
    public bool TryAcquire(string domain, out DateTimeOffset freeAt)
    {
        var now = time.GetUtcNow();
        var bucket = _buckets.GetOrAdd(domain, _ => new Bucket(messagesPerMinute, now));
        lock (bucket)
        {
            if (bucket.PausedUntil > now)
            {
                freeAt = bucket.PausedUntil;
                return false;
            }
            if (messagesPerMinute <= 0)
            {
                freeAt = now;
                return true;
            }
            bucket.Refill(messagesPerMinute, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                freeAt = now;
                return true;
            }
            freeAt = now + TimeSpan.FromMinutes((1 - bucket.Tokens) / messagesPerMinute);
            return false;
        }
    }

    /// <summary>The domain deferred a message: send nothing more to it until <paramref name="until"/>.</summary>
    public void Pause(string domain, DateTimeOffset until)
    {
        var bucket = _buckets.GetOrAdd(domain, _ => new Bucket(messagesPerMinute, time.GetUtcNow()));
        lock (bucket)
        {
            if (until > bucket.PausedUntil)
                bucket.PausedUntil = until;
        }
    }

    private sealed class Bucket(int capacity, DateTimeOffset now)
    {
        public double Tokens { get; set; } = Math.Max(capacity, 0);

        public DateTimeOffset LastRefill { get; private set; } = now;

        public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;

        public void Refill(int perMinute, DateTimeOffset now)
        {
            var elapsed = now - LastRefill;
            if (elapsed <= TimeSpan.Zero)
                return;
            Tokens = Math.Min(perMinute, Tokens + elapsed.TotalMinutes * perMinute);
            LastRefill = now;
        }
    }
}
