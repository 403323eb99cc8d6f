using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker.Local;

/// <summary>
/// Local mode (section <c>Local</c>): read only when no Dataverse is configured, so the worker runs the Dataverse
/// emulator and the built-in email platform on this machine.
/// </summary>
public sealed class LocalOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Local";

    /// <summary>
    /// Null (default): local mode when no Dataverse setting is present. False: never (a missing Dataverse setting is
    /// then the usual configuration error). Local mode never starts while a Dataverse setting is present.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Folder of everything local mode keeps: the emulator's data file, the built-in platform's SQLite store, pickup
    /// and bounce folders, the demo's report. Relative to the current directory. Default <c>.emailconnector</c>.
    /// </summary>
    [Required]
    public string DataFolder { get; set; } = LocalDefaults.DataFolder;

    /// <summary>Loopback port of the emulator's Web API; 0 picks a free port. Default 5555.</summary>
    [Range(0, 65535)]
    public int EmulatorPort { get; set; } = LocalDefaults.EmulatorPort;

    /// <summary>How often the emulator's rows are written to the data file when they changed (and always at shutdown). Default 00:00:05.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SaveInterval { get; set; } = LocalDefaults.SaveInterval;

    /// <summary>The unpacked solution the emulator imports. Default: <c>solution/EmailConnector</c> of the repository.</summary>
    public string? SolutionFolder { get; set; }

    /// <summary>The built plugin assembly whose steps the emulator registers. Default: the newest build in the repository.</summary>
    public string? PluginAssembly { get; set; }

    /// <summary>The data folder as an absolute path.</summary>
    public string DataFolderPath => Path.GetFullPath(DataFolder);

    /// <summary>The emulator's data file.</summary>
    public string DataFilePath => Path.Combine(DataFolderPath, LocalDefaults.DataFileName);

    /// <summary>The Maildir folder the built-in platform reads bounces from.</summary>
    public string BounceFolderPath => Path.Combine(DataFolderPath, LocalDefaults.BounceFolder);
}

/// <summary>Every default of local mode, in one place (docs/configuration.md lists them).</summary>
public static class LocalDefaults
{
    public const string DataFolder = ".emailconnector";
    public const int EmulatorPort = 5555;
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(5);
    public const string DataFileName = "dataverse-emulator.data";
    public const string BounceFolder = "bounces";
    public const string PickupFolder = "pickup";
    public const string PlatformAccountName = "Built-in email (local)";
}
