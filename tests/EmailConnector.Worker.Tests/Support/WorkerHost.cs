using EmailConnector.Core.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// The worker as <c>Program</c> runs it: a Generic Host built by <c>AddEmailConnectorWorker</c>, its options
/// validated, started and stopped like the process (stopping cancels the hosted loops). Only the platform is swapped
/// for the test's: the configured built-in SMTP platform (store, delivery loop) is taken out again.
/// </summary>
internal static class WorkerHost
{
    public static IHost Build(WorkerFront front, string owner, IEmailPlatform platform, TimeProvider clock, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        var configuration = new Dictionary<string, string?>
        {
            ["Health:Url"] = "",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(front.Settings(owner, configuration));
        builder.Services.AddSingleton(clock);
        builder.AddEmailConnectorWorker();

        var smtp = typeof(EmailConnector.Platforms.Smtp.SmtpEmailPlatform).Assembly;
        foreach (var descriptor in builder.Services.Where(d => FromAssembly(d, smtp)).ToList())
            builder.Services.Remove(descriptor);
        builder.Services.RemoveAll<IEmailPlatform>();
        builder.Services.AddSingleton(platform);

        var host = builder.Build();
        host.ValidateEmailConnectorOptions();
        return host;
    }

    private static bool FromAssembly(ServiceDescriptor descriptor, System.Reflection.Assembly assembly) =>
        descriptor.ServiceType.Assembly == assembly
        || (!descriptor.IsKeyedService && (descriptor.ImplementationType?.Assembly == assembly
            || descriptor.ImplementationFactory?.Method.DeclaringType?.Assembly == assembly));
}
