using Microsoft.Xrm.Sdk;

namespace EmailConnector.Testing.Plugins;

/// <summary>Records which users services were asked for and hands out the service it was given.</summary>
public sealed class RecordingOrganizationServiceFactory(IOrganizationService? service = null) : IOrganizationServiceFactory
{
    private readonly List<Guid?> _requestedUsers = [];

    public IReadOnlyList<Guid?> RequestedUsers => _requestedUsers;

    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        _requestedUsers.Add(userId);
        return service ?? throw new NotSupportedException("This test gave the factory no IOrganizationService to hand out.");
    }
}
