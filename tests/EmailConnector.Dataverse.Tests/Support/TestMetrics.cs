using System.Diagnostics.Metrics;
using EmailConnector.Dataverse.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace EmailConnector.Dataverse.Tests.Support;

/// <summary>A real meter factory and <see cref="DataverseMetrics"/> on it, for tests that read the instruments.</summary>
public static class TestMetrics
{
    public static (DataverseMetrics Metrics, IMeterFactory Factory) Create()
    {
        var factory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return (new DataverseMetrics(factory), factory);
    }
}
