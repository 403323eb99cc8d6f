using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace EmailConnector.Worker;

/// <summary>
/// Serilog for the worker: levels from the <c>Serilog</c> section, console as text or compact JSON, an optional rolling
/// file, and the log-scope properties (<c>SyncRequestId</c>, <c>CorrelationId</c>) on every event of a request.
/// </summary>
public static class WorkerLogging
{
    internal const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>The logger used until the host's configuration is read (and for the fatal line when it is bad).</summary>
    public static Serilog.Core.Logger CreateBootstrapLogger() => new LoggerConfiguration()
        .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
        .CreateLogger();

    public static LoggerConfiguration Configure(LoggerConfiguration logging, IConfiguration configuration, WorkerOptions options)
    {
        logging.ReadFrom.Configuration(configuration).Enrich.FromLogContext();
        if (options.LogFormat == LogFormat.Json)
            logging.WriteTo.Console(new CompactJsonFormatter());
        else
            logging.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(options.LogFilePath))
            logging.WriteTo.File(new CompactJsonFormatter(), options.LogFilePath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: options.LogFileRetainedCount);
        return logging;
    }

    /// <summary>
    /// One line saying why the worker stopped: for configuration errors every failed setting, without a stack trace.
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => "invalid configuration: " + string.Join("; ", invalid.Failures),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        // The start-up validator throws one aggregate when several options classes are invalid.
        AggregateException aggregate when IsConfigurationError(aggregate) =>
            "invalid configuration: " + string.Join("; ", aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)),
        _ => exception.GetType().Name + ": " + exception.Message,
    };

    /// <summary>Logs the fatal line; configuration errors need no stack trace to be understood.</summary>
    public static void LogFatal(ILogger logger, Exception exception)
    {
        if (IsConfigurationError(exception))
            logger.Fatal("The worker cannot start: {Reason}", Describe(exception));
        else
            logger.Fatal(exception, "The worker stopped: {Reason}", Describe(exception));
    }

    internal static bool IsConfigurationError(Exception exception) => exception switch
    {
        OptionsValidationException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsConfigurationError(aggregate.InnerExceptions[0]),
        AggregateException { InnerExceptions.Count: > 1 } aggregate => aggregate.InnerExceptions.All(e => e is OptionsValidationException),
        _ => false,
    };
}
