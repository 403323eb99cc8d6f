using EmailConnector.Platforms.Dotdigital.Http;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Platforms.Dotdigital;

/// <summary>What every part of the adapter shares.</summary>
internal sealed record DotdigitalContext(DotdigitalApi Api, DotdigitalOptions Options, TimeProvider Time, IDotdigitalDelay Delay, ILogger Logger)
{
    /// <summary>The oldest date the feeds ask for when they have no cursor yet.</summary>
    public static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static int ParseListId(string listId, string operation) =>
        int.TryParse(listId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new Core.Platforms.PlatformPermanentException(DotdigitalPlatform.Name, operation, $"'{listId}' is not a Dotdigital address book id.");
}
