using EmailConnector.Emulator;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Schema;
using EmailConnector.Worker.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Local;

/// <summary>
/// Local mode's Dataverse: the emulator with our solution and plugin steps, served on loopback, its rows restored
/// from the data file at start and written back every <see cref="LocalOptions.SaveInterval"/> when they changed and at
/// shutdown. Registered before every other hosted service, so it starts first and stops last (after the queue worker
/// has handed its leases back).
/// </summary>
public sealed class LocalEmulator(
    LocalEnvironment environment,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<LocalEmulator> logger) : IHostedService, IAsyncDisposable
{
    private EmulatorServer? _server;
    private OrganizationDataFile? _file;
    private CancellationTokenSource? _stopping;
    private Task? _saving;

    /// <summary>The running emulator; null before start.</summary>
    public EmulatorServer? Server => _server;

    public EmulatedOrganization Organization => _server?.Organization ?? throw new InvalidOperationException("The local emulator has not started.");

    /// <summary>The data file; null before start.</summary>
    public OrganizationDataFile? DataFile => _file;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.PluginAssembly is null)
        {
            throw new InvalidOperationException(
                "Local mode needs the built plugin assembly (src/EmailConnector.Plugins/bin/<configuration>/net462/EmailConnector.Plugins.dll) or Local:PluginAssembly; build the worker or the plugin project first.");
        }
        var organization = EmulatorSetup.CreateOrganization(environment.SolutionFolder, environment.PluginAssembly);
        var file = new OrganizationDataFile(organization, environment.Options.DataFilePath);
        if (file.Load())
            LocalLog.DataRestored(logger, file.Path, file.RowCount);
        else
            LocalLog.DataNew(logger, file.Path);
        _file = file;
        EnsurePlatformAccount(organization);
        _server = await EmulatorServer.StartAsync(organization, new WebApiOptions { Port = environment.EmulatorPort }, cancellationToken).ConfigureAwait(false);
        var auth = _server.Options.Authentication;
        LocalLog.EmulatorStarted(logger, _server.ServiceRoot, environment.SolutionFolder, environment.PluginAssembly);
        LocalLog.EmulatorCredentials(logger, _server.TokenEndpoint, AuthenticationOptions.DefaultClientId, auth.Clients[AuthenticationOptions.DefaultClientId].Secret, _server.Scope);
        if (services.GetService<IOptions<SmtpPlatformOptions>>() is { } platform && services.GetService<Tracking.TrackingListener>() is not null)
        {
            var smtp = platform.Value;
            LocalLog.PlatformWhere(logger, smtp.PickupFolderPath, smtp.Intake.MaildirPath ?? "(none)", Path.Combine(smtp.DataFolderPath, smtp.SqliteFileName), smtp.PublicBaseUrl);
        }
        lifetime.ApplicationStarted.Register(() =>
        {
            var health = services.GetService<HealthEndpoint>()?.Address?.ToString() ?? "off";
            LocalLog.Ready(logger, health, new Uri(_server.BaseAddress, "console"), new Uri(_server.BaseAddress, "_emulator/"));
        });
        _stopping = new CancellationTokenSource();
        _saving = SaveLoopAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await (_saving ?? Task.CompletedTask).ConfigureAwait(false);
        }
        if (_server is not null)
            await _server.StopAsync().ConfigureAwait(false);
        if (_file is not null)
        {
            Save(_file);
            LocalLog.EmulatorStopped(logger, _file.Path, _file.RowCount);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync().ConfigureAwait(false);
        _server = null;
        _stopping?.Dispose();
    }

    private async Task SaveLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(environment.Options.SaveInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                Save(_file!);
        }
        catch (OperationCanceledException)
        {
            // Shutdown: StopAsync writes the last state.
        }
    }

    private void Save(OrganizationDataFile file)
    {
        try
        {
            if (file.Save())
                LocalLog.DataSaved(logger, file.RowCount);
        }
        catch (IOException e)
        {
            LocalLog.DataSaveFailed(logger, e, e.GetType().Name);
        }
        catch (UnauthorizedAccessException e)
        {
            LocalLog.DataSaveFailed(logger, e, e.GetType().Name);
        }
    }

    // The reaction scheduler and the demo need an account of the built-in platform; one is enough and is kept.
    private void EnsurePlatformAccount(EmulatedOrganization organization)
    {
        var service = organization.CreateService();
        var query = new QueryExpression(PlatformAccount.EntityName) { ColumnSet = new ColumnSet(PlatformAccount.PrimaryId), TopCount = 1 };
        query.Criteria.AddCondition(PlatformAccount.PlatformType, ConditionOperator.Equal, (int)PlatformType.BuiltInSmtp);
        if (service.RetrieveMultiple(query).Entities.Count > 0)
            return;
        var id = service.Create(new Entity(PlatformAccount.EntityName)
        {
            [PlatformAccount.Name] = LocalDefaults.PlatformAccountName,
            [PlatformAccount.PlatformType] = new OptionSetValue((int)PlatformType.BuiltInSmtp),
        });
        LocalLog.PlatformAccountCreated(logger, id);
    }
}
