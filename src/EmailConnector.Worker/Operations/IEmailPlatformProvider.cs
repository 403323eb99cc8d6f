using EmailConnector.Core.Platforms;

namespace EmailConnector.Worker.Operations;

/// <summary>The email platform behind an <c>ec_platformaccount</c>.</summary>
public interface IEmailPlatformProvider
{
    /// <summary>
    /// The platform of the account; <see cref="PermanentRequestException"/> when this worker has none configured for it.
    /// </summary>
    IEmailPlatform For(Guid platformAccountId);
}

/// <summary>
/// The one platform registered in the container serves every account. A worker with none parks platform work with a
/// readable reason instead of failing to start.
/// </summary>
public sealed class RegisteredEmailPlatformProvider(IEnumerable<IEmailPlatform> platforms) : IEmailPlatformProvider
{
    private readonly IReadOnlyList<IEmailPlatform> _platforms = platforms.ToList();

    public IEmailPlatform For(Guid platformAccountId) => _platforms.Count switch
    {
        1 => _platforms[0],
        0 => throw new PermanentRequestException($"No email platform is configured in this worker (platform account {platformAccountId:D})."),
        _ => throw new PermanentRequestException($"{_platforms.Count} email platforms are configured; choosing one per platform account is not supported yet (platform account {platformAccountId:D})."),
    };
}
