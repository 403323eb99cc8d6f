namespace EmailConnector.Worker.Platforms;

/// <summary>
/// The values of <c>Worker:Platform</c> (the default platform, for every account not listed in
/// <c>Platforms:Accounts</c>) and of <c>Platforms:Accounts:…:Platform</c>.
/// </summary>
public static class EmailPlatformChoice
{
    /// <summary>The built-in SMTP platform (section <c>Platforms:Smtp</c>); the default.</summary>
    public const string Smtp = "Smtp";

    /// <summary>The Dotdigital adapter (section <c>Platforms:Dotdigital</c>).</summary>
    public const string Dotdigital = "Dotdigital";

    /// <summary>No default platform: only the accounts listed in <c>Platforms:Accounts</c> are served.</summary>
    public const string None = "None";

    /// <summary>The pattern <see cref="WorkerOptions.Platform"/> is validated against (case-insensitive, like configuration keys).</summary>
    public const string Pattern = "^(?i:Smtp|Dotdigital|None)$";

    public static bool Is(string? value, string choice) => string.Equals(value, choice, StringComparison.OrdinalIgnoreCase);
}
