namespace EmailConnector.Worker;

/// <summary>Every default of the worker's options, in one place (docs/worker.md lists them).</summary>
public static class WorkerDefaults
{
    public const string Platform = Platforms.EmailPlatformChoice.Smtp;
    public const LogFormat LogFormat = Worker.LogFormat.Text;
    public const int LogFileRetainedCount = 14;
    public static readonly TimeSpan ShutdownReleaseTimeout = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    public const int BatchSize = 20;
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);
    public const int MaxAttempts = 5;
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RetryMaxDelay = TimeSpan.FromHours(1);
    public const double RetryJitter = 0.2;

    public const string HealthUrl = "http://127.0.0.1:8081";
    public static readonly TimeSpan QueueRefreshInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DegradedPendingAge = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan UnhealthySnapshotAge = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan ReconciliationInterval = TimeSpan.FromHours(6);
    public const int ReconciliationPageSize = 1000;
    public const bool ReconciliationPushCrmSuppressions = true;
}
