namespace EmailConnector.Worker;

/// <summary>Who this process is in the leases it writes (<c>ec_leaseowner</c>).</summary>
public sealed class WorkerIdentity
{
    public WorkerIdentity(string leaseOwner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseOwner);
        LeaseOwner = leaseOwner;
    }

    public string LeaseOwner { get; }

    /// <summary>The configured name, or machine, process id and a random suffix (two processes never share one).</summary>
    public static WorkerIdentity From(WorkerOptions options)
    {
        if (options.InstanceName is { } name)
            return new WorkerIdentity(name);
        var machine = Environment.MachineName.Length > 40 ? Environment.MachineName[..40] : Environment.MachineName;
        return new WorkerIdentity($"{machine}:{Environment.ProcessId}:{Guid.NewGuid():N}");
    }
}
