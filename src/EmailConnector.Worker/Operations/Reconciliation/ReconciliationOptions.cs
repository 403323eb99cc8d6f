using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker.Operations.Reconciliation;

/// <summary>The scheduled comparison of platform suppressions with CRM's do-not-bulk-email (section <c>Reconciliation</c>).</summary>
public sealed class ReconciliationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Reconciliation";

    /// <summary>Whether this worker reconciles at all (one worker per org is enough). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The wait between two passes over every account, 1 min – 7 days. Default 06:00:00.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = WorkerDefaults.ReconciliationInterval;

    /// <summary>Suppressions asked for per platform page, 1–5,000. Default 1,000.</summary>
    [Range(1, 5000)]
    public int PageSize { get; set; } = WorkerDefaults.ReconciliationPageSize;

    /// <summary>
    /// Also suppress at the platform every active <c>ec_suppression</c> address the platform lacks (opt-out wins both
    /// ways). Default true.
    /// </summary>
    public bool PushCrmSuppressions { get; set; } = WorkerDefaults.ReconciliationPushCrmSuppressions;
}
