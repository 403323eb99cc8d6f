namespace EmailConnector.Emulator.Pipeline;

/// <summary>How an <see cref="EmulatedOrganization"/> is set up. Every default is deterministic.</summary>
public sealed class EmulatorOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The source of new record ids; the default counts up from 1 so runs are repeatable.</summary>
    public Func<Guid>? IdSource { get; init; }

    public Guid OrganizationId { get; init; } = new("00000000-0000-0000-0000-00000000a001");

    public string OrganizationName { get; init; } = "emulated";

    public Guid BusinessUnitId { get; init; } = new("00000000-0000-0000-0000-00000000b001");

    /// <summary>The calling user of services created without a user id.</summary>
    public Guid DefaultUserId { get; init; } = new("00000000-0000-0000-0000-00000000c001");

    /// <summary>SYSTEM: the user of CreateOrganizationService(null) inside a plugin.</summary>
    public Guid SystemUserId { get; init; } = new("00000000-0000-0000-0000-00000000c000");

    /// <summary>Unpacked solution folder to load (null or missing: system tables only).</summary>
    public string? SolutionFolder { get; init; }

    public Metadata.SolutionReaderOptions SolutionReaderOptions { get; init; } = new();

    /// <summary>Resolves plugin type names of the solution's steps and custom APIs (see PluginRegistry.TypesIn).</summary>
    public Func<string, Type?>? PluginTypeResolver { get; init; }

    /// <summary>Load the solution without its plugin steps and custom API plugins (no plugin assembly at hand).</summary>
    public bool SkipSolutionPlugins { get; init; }

    /// <summary>Secure configuration per step id (solutions do not carry it).</summary>
    public IReadOnlyDictionary<Guid, string>? SecureConfigurations { get; init; }

    /// <summary>Run queued asynchronous steps right after each top-level commit; otherwise call RunPendingAsync().</summary>
    public bool RunAsyncStepsAfterCommit { get; init; } = true;

    /// <summary>Keep a copy of every request in the request log (turn off for bulk loads and benchmarks).</summary>
    public bool RecordRequests { get; init; } = true;

    /// <summary>How many of the latest requests the request log keeps (older ones are dropped in blocks).</summary>
    public int RequestLogCapacity { get; init; } = 10_000;

    /// <summary>Depth past which a chain of operations is cancelled (the platform's MaxDepth).</summary>
    public int MaxDepth { get; init; } = 8;
}
