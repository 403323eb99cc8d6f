namespace EmailConnector.Testing.Plugins;

/// <summary>The service provider Dataverse hands to IPlugin.Execute: answers the services it was given, null otherwise.</summary>
public sealed class FakeServiceProvider : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public FakeServiceProvider With<T>(T service)
        where T : class
    {
        _services[typeof(T)] = service;
        return this;
    }

    public FakeServiceProvider Without<T>()
    {
        _services.Remove(typeof(T));
        return this;
    }

    public object? GetService(Type serviceType) => _services.GetValueOrDefault(serviceType);
}
