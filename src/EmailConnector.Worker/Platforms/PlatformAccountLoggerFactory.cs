using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Platforms;

/// <summary>
/// Loggers for the adapter of one platform account: every line they write carries <c>PlatformAccountId</c> as a
/// scope property, so the lines of two adapters of the same kind (whose messages name no account) can be told apart.
/// </summary>
public sealed class PlatformAccountLoggerFactory(ILoggerFactory inner, Guid platformAccountId) : ILoggerFactory
{
    private readonly KeyValuePair<string, object?>[] _scope = [new("PlatformAccountId", platformAccountId)];

    public ILogger CreateLogger(string categoryName) => new AccountLogger(inner.CreateLogger(categoryName), _scope);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The inner factory belongs to the container.
    public void Dispose()
    {
    }

    private sealed class AccountLogger(ILogger inner, KeyValuePair<string, object?>[] scope) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
                return;
            using (inner.BeginScope(scope))
                inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
