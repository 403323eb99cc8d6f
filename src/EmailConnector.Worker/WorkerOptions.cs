using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker;

/// <summary>The worker process itself (section <c>Worker</c>).</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Worker";

    /// <summary>
    /// The name this process writes into the leases it takes (<c>ec_leaseowner</c>, at most 100 characters). Default
    /// null: machine name, process id and a random suffix, unique per process.
    /// </summary>
    [StringLength(60, MinimumLength = 1)]
    public string? InstanceName { get; set; }

    /// <summary>Console output: <see cref="LogFormat.Text"/> (default) or <see cref="LogFormat.Json"/>.</summary>
    [EnumDataType(typeof(LogFormat))]
    public LogFormat LogFormat { get; set; } = WorkerDefaults.LogFormat;

    /// <summary>A rolling (daily) log file in compact JSON, e.g. <c>logs/worker-.clef</c>. Default null: no file.</summary>
    public string? LogFilePath { get; set; }

    /// <summary>Daily log files kept, 1–365. Default 14.</summary>
    [Range(1, 365)]
    public int LogFileRetainedCount { get; set; } = WorkerDefaults.LogFileRetainedCount;

    /// <summary>
    /// The default email platform, for every platform account not listed in <c>Platforms:Accounts</c>: <c>Smtp</c>
    /// (default, the built-in platform, section <c>Platforms:Smtp</c>), <c>Dotdigital</c> (section
    /// <c>Platforms:Dotdigital</c>) or <c>None</c> (only the listed accounts are served).
    /// </summary>
    [Required]
    [RegularExpression(Platforms.EmailPlatformChoice.Pattern, ErrorMessage = "Worker:Platform must be Smtp, Dotdigital or None.")]
    public string Platform { get; set; } = WorkerDefaults.Platform;

    /// <summary>How long shutdown may spend handing unfinished leases back. Default 00:00:15.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ShutdownReleaseTimeout { get; set; } = WorkerDefaults.ShutdownReleaseTimeout;
}
