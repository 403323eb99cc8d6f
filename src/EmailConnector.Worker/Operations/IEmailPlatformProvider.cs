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
