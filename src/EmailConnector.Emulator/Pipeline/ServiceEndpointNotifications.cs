using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Pipeline;

/// <summary>A recording stand-in for IServiceEndpointNotificationService: nothing is posted anywhere.</summary>
public sealed class ServiceEndpointNotifications : IServiceEndpointNotificationService
{
    private readonly List<(EntityReference Endpoint, IExecutionContext Context)> _posts = [];
    private readonly object _gate = new();

    public IReadOnlyList<(EntityReference Endpoint, IExecutionContext Context)> Posts
    {
        get
        {
            lock (_gate)
                return [.. _posts];
        }
    }

    public string Execute(EntityReference serviceEndpoint, IExecutionContext context)
    {
        lock (_gate)
            _posts.Add((serviceEndpoint, context));
        return string.Empty;
    }

    internal void Clear()
    {
        lock (_gate)
            _posts.Clear();
    }
}
