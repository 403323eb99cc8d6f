using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Local;

/// <summary>
/// Log messages of local mode, the demo and the tracking listener, event ids 1600–1699. Local mode's emulator
/// credentials are logged on purpose: they are the emulator's fixed local ones, not secrets of a real system.
/// </summary>
internal static partial class LocalLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Local mode (no Dataverse configured): Dataverse emulator at {ServiceRoot} with solution {SolutionFolder}, plugins {PluginAssembly}")]
    public static partial void EmulatorStarted(ILogger logger, Uri serviceRoot, string? solutionFolder, string pluginAssembly);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Emulator token endpoint {TokenEndpoint}: client_id={ClientId} client_secret={ClientSecret} scope={Scope}")]
    public static partial void EmulatorCredentials(ILogger logger, Uri tokenEndpoint, string clientId, string clientSecret, string scope);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Emulator data file {DataFile}: {RowCount} row(s) restored")]
    public static partial void DataRestored(ILogger logger, string dataFile, long rowCount);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Emulator data file {DataFile}: none yet, starting empty")]
    public static partial void DataNew(ILogger logger, string dataFile);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "Built-in email platform: pickup folder {PickupFolder}, bounce folder (Maildir) {BounceFolder}, store {StoreFile}, tracking base URL {TrackingBaseUrl}")]
    public static partial void PlatformWhere(ILogger logger, string pickupFolder, string bounceFolder, string storeFile, string trackingBaseUrl);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Information, Message = "Health {HealthUrl}; console page {ConsoleUrl}; emulator control {ControlUrl}. Ctrl+C stops (the data file is written at shutdown)")]
    public static partial void Ready(ILogger logger, string healthUrl, Uri consoleUrl, Uri controlUrl);

    [LoggerMessage(EventId = 1606, Level = LogLevel.Debug, Message = "Emulator data file written: {RowCount} row(s)")]
    public static partial void DataSaved(ILogger logger, long rowCount);

    [LoggerMessage(EventId = 1607, Level = LogLevel.Warning, Message = "Emulator data file could not be written ({ErrorType}); retried at the next interval")]
    public static partial void DataSaveFailed(ILogger logger, Exception exception, string errorType);

    [LoggerMessage(EventId = 1608, Level = LogLevel.Information, Message = "Platform account {PlatformAccountId} for the built-in platform created")]
    public static partial void PlatformAccountCreated(ILogger logger, Guid platformAccountId);

    [LoggerMessage(EventId = 1609, Level = LogLevel.Information, Message = "Emulator stopped; data file {DataFile} holds {RowCount} row(s)")]
    public static partial void EmulatorStopped(ILogger logger, string dataFile, long rowCount);

    [LoggerMessage(EventId = 1610, Level = LogLevel.Information, Message = "Tracking endpoints listening on {TrackingAddress}; links in mail use {PublicBaseUrl}")]
    public static partial void TrackingListening(ILogger logger, Uri trackingAddress, string publicBaseUrl);

    [LoggerMessage(EventId = 1650, Level = LogLevel.Information, Message = "Demo finished for campaign activity {CampaignActivityId}")]
    public static partial void DemoFinished(ILogger logger, Guid campaignActivityId);

    [LoggerMessage(EventId = 1651, Level = LogLevel.Error, Message = "Demo failed ({ErrorType})")]
    public static partial void DemoFailed(ILogger logger, Exception exception, string errorType);
}
