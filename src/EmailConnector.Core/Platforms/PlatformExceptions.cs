namespace EmailConnector.Core.Platforms;

/// <summary>A platform call failed. The subtype tells the worker whether to retry or to park the request.</summary>
public abstract class EmailPlatformException : Exception
{
    protected EmailPlatformException(string platform, string operation, string message, Exception? innerException)
        : base(message, innerException)
    {
        Platform = platform;
        Operation = operation;
    }

    /// <summary>The platform's type name.</summary>
    public string Platform { get; }

    /// <summary>The <see cref="IEmailPlatform"/> member that failed, e.g. <c>ImportRecipients</c>.</summary>
    public string Operation { get; }

    /// <summary>True when repeating the call later can succeed.</summary>
    public abstract bool IsTransient { get; }
}

/// <summary>A failure that may pass: timeouts, 5xx answers, connection resets. Retry with backoff.</summary>
public class PlatformTransientException : EmailPlatformException
{
    public PlatformTransientException(string platform, string operation, string message, Exception? innerException = null)
        : base(platform, operation, message, innerException)
    {
    }

    public override bool IsTransient => true;
}

/// <summary>The platform's rate limit was hit. Retry after <see cref="RetryAfter"/> (when the platform said).</summary>
public sealed class PlatformThrottledException : PlatformTransientException
{
    public PlatformThrottledException(string platform, string operation, TimeSpan? retryAfter, Exception? innerException = null)
        : base(platform, operation, retryAfter is { } wait
            ? $"{platform} throttled {operation}; retry after {wait.TotalSeconds:0.###} s."
            : $"{platform} throttled {operation}.", innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the platform asked to wait; null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>A failure that repeating will not fix (a rejected request, a missing list). Park the request.</summary>
public class PlatformPermanentException : EmailPlatformException
{
    public PlatformPermanentException(string platform, string operation, string message, Exception? innerException = null)
        : base(platform, operation, message, innerException)
    {
    }

    public override bool IsTransient => false;
}

/// <summary>The platform refused the credentials. Nothing will work until configuration changes: stop, do not retry.</summary>
public sealed class PlatformAuthenticationException : PlatformPermanentException
{
    public PlatformAuthenticationException(string platform, string operation, string message, Exception? innerException = null)
        : base(platform, operation, message, innerException)
    {
    }
}

/// <summary>
/// The call needs a feature the platform does not have (<see cref="PlatformCapabilities"/>). Thrown before any effect.
/// Named so that it does not collide with <see cref="System.PlatformNotSupportedException"/> in callers.
/// </summary>
public sealed class PlatformFeatureNotSupportedException : EmailPlatformException
{
    public PlatformFeatureNotSupportedException(string platform, string operation, PlatformFeatures feature)
        : base(platform, operation, $"{platform} does not support {feature}, which {operation} needs.", null)
    {
        Feature = feature;
    }

    public PlatformFeatures Feature { get; }

    public override bool IsTransient => false;
}
