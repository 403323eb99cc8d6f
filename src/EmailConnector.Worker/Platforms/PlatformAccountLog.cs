using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Platforms;

// Event ids 1720–1739: the platforms of platform accounts.
internal static partial class PlatformAccountLog
{
    [LoggerMessage(EventId = 1720, Level = LogLevel.Information, Message = "Platform account {PlatformAccountId} is served by its own {Platform} platform ({Entry})")]
    public static partial void AccountPlatformCreated(ILogger logger, Guid platformAccountId, string platform, string entry);

    [LoggerMessage(EventId = 1721, Level = LogLevel.Information, Message = "{Count} platform account(s) have a platform of their own; default platform for the others: {DefaultPlatform}")]
    public static partial void AccountsConfigured(ILogger logger, int count, string defaultPlatform);
}
