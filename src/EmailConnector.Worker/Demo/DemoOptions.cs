using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker.Demo;

/// <summary>The first-run demo (section <c>Demo</c>; <c>--demo</c> on the command line sets <c>Demo:Enabled</c>). Local mode only.</summary>
public sealed class DemoOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Demo";

    /// <summary>Run the demo once the worker has started. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Contacts on the static list (every 15th does not want bulk email, every 20th has a malformed address, every 25th repeats an earlier address). Default 240.</summary>
    [Range(1, 5000)]
    public int Contacts { get; set; } = 240;

    /// <summary>Leads on the dynamic list (same rules). Default 60.</summary>
    [Range(1, 5000)]
    public int Leads { get; set; } = 60;

    /// <summary>How long each wait for the worker (transfer, delivery, bounce intake, report) may take. Default 00:02:00.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Stop the worker when the demo is done. Default false: it keeps running so you can look around.</summary>
    public bool ExitWhenDone { get; set; }
}
