using EmailConnector.Worker.Demo;
using EmailConnector.Worker.Platforms;
using EmailConnector.Worker.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Local;

/// <summary>Registration of local mode, the demo and the tracking listener.</summary>
public static class LocalModeServiceCollectionExtensions
{
    /// <summary>
    /// Without any Dataverse setting: local mode (<see cref="LocalEmulator"/> first among the hosted services, its
    /// settings under the user's configuration, and with <c>Demo:Enabled</c> the <see cref="DemoRunner"/>). With the
    /// built-in platform, in either mode: the tracking listener. Call before anything reads configuration.
    /// </summary>
    public static IHostApplicationBuilder AddEmailConnectorLocalMode(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var demo = configuration.GetSection(DemoOptions.SectionName).GetValue<bool>(nameof(DemoOptions.Enabled));
        if (LocalMode.IsRequested(configuration))
        {
            var options = LocalMode.ReadOptions(configuration);
            var port = options.EmulatorPort == 0 ? LocalEnvironment.FreeLoopbackPort() : options.EmulatorPort;
            var trackingKey = TrackingOptions.SectionName + ":" + nameof(TrackingOptions.Url);
            var tracking = configuration[trackingKey] ?? TrackingDefaults.Url;
            var resolved = new Dictionary<string, string?>();
            if (Uri.TryCreate(tracking, UriKind.Absolute, out var trackingUri) && trackingUri.Port == 0)
            {
                // The links in mail must name the port the listener really binds, so the chosen port overrides the 0.
                tracking = new UriBuilder(trackingUri) { Port = LocalEnvironment.FreeLoopbackPort() }.Uri.GetLeftPart(UriPartial.Authority);
                resolved[trackingKey] = tracking;
            }
            var environment = new LocalEnvironment(options, port, tracking.TrimEnd('/'), demo);
            // Lowest precedence: whatever the user configured wins over local mode's choices.
            configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LocalMode.Settings(environment) });
            if (resolved.Count > 0)
                configuration.Sources.Add(new MemoryConfigurationSource { InitialData = resolved });
            builder.Services.AddSingleton(environment);
            builder.Services.TryAddSingleton<LocalEmulator>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<LocalEmulator>());
            if (demo)
                builder.Services.AddEmailConnectorDemo(configuration);
        }
        else if (demo)
        {
            throw new OptionsValidationException(DemoOptions.SectionName, typeof(DemoOptions),
                ["Demo:Enabled (--demo) runs only in local mode; remove the Dataverse settings to run it against the local emulator."]);
        }
        var platform = configuration.GetSection(WorkerOptions.SectionName)[nameof(WorkerOptions.Platform)] ?? WorkerDefaults.Platform;
        if (EmailPlatformChoice.Is(platform, EmailPlatformChoice.Smtp))
            builder.Services.AddEmailConnectorTracking(configuration);
        return builder;
    }

    /// <summary>The tracking listener of the built-in platform (options validated at start; empty <c>Tracking:Url</c> turns it off).</summary>
    public static IServiceCollection AddEmailConnectorTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrackingOptions>().Bind(configuration.GetSection(TrackingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TrackingListener>();
        services.AddHostedService(sp => sp.GetRequiredService<TrackingListener>());
        return services;
    }
}
