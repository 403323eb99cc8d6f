using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker.Queue;

/// <summary>How the worker drains <c>ec_syncrequest</c> (section <c>Queue</c>).</summary>
public sealed class QueueOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Queue";

    /// <summary>The wait after a pass that found nothing to do. Default 00:00:10.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = WorkerDefaults.PollInterval;

    /// <summary>Requests read per pass, 1–500. Default 20.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = WorkerDefaults.BatchSize;

    /// <summary>How long a claim holds a row before another worker may take it over. Default 00:10:00.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = WorkerDefaults.LeaseDuration;

    /// <summary>Attempts before a failing request is Parked, 1–100. Default 5.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = WorkerDefaults.MaxAttempts;

    /// <summary>The delay before the second attempt; doubles with every further one. Default 00:00:30.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = WorkerDefaults.RetryBaseDelay;

    /// <summary>The longest delay between attempts (and between failing passes). Default 01:00:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = WorkerDefaults.RetryMaxDelay;

    /// <summary>Random spread of each delay, as a fraction (0.2 = ±20 %), 0–1. Default 0.2.</summary>
    [Range(0.0, 1.0)]
    public double RetryJitter { get; set; } = WorkerDefaults.RetryJitter;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelay < RetryBaseDelay)
            yield return new ValidationResult("Queue:RetryMaxDelay must not be shorter than Queue:RetryBaseDelay.", [nameof(RetryMaxDelay)]);
    }
}
