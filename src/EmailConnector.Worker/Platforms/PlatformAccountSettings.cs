using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Smtp;

namespace EmailConnector.Worker.Platforms;

/// <summary>One entry of <c>Platforms:Accounts</c>: the platform of one <c>ec_platformaccount</c> and its settings.</summary>
public sealed class PlatformAccountSettings
{
    /// <summary>The <c>ec_platformaccountid</c> this entry serves (a GUID; required). Text, so that a typo fails validation with the entry's name.</summary>
    public string? Id { get; set; }

    /// <summary><c>Smtp</c> or <c>Dotdigital</c> (required, case-insensitive).</summary>
    public string? Platform { get; set; }

    /// <summary>The account's Dotdigital settings, in the shape of <c>Platforms:Dotdigital</c> (nothing is inherited from it).</summary>
    public DotdigitalOptions? Dotdigital { get; set; }

    /// <summary>The built-in platform's settings, in the shape of <c>Platforms:Smtp</c>; at most one entry per worker process.</summary>
    public SmtpPlatformOptions? Smtp { get; set; }

    /// <summary>The parsed <see cref="Id"/>; null when it is missing or not a GUID.</summary>
    public Guid? AccountId => Guid.TryParse(Id, out var id) && id != Guid.Empty ? id : null;
}
