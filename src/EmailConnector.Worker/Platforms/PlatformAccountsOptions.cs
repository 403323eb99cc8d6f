namespace EmailConnector.Worker.Platforms;

/// <summary>
/// The platform accounts served by a platform of their own (section <see cref="SectionName"/>); every other account
/// gets the default platform of <c>Worker:Platform</c>. Bound from <c>Platforms</c>, so the section may be an array
/// (<c>Platforms:Accounts:0:…</c>) or a map with names of the operator's choosing (<c>Platforms:Accounts:brandA:…</c>).
/// </summary>
public sealed class PlatformAccountsOptions
{
    /// <summary>The configuration section of the entries.</summary>
    public const string SectionName = "Platforms:Accounts";

    /// <summary>The section <see cref="PlatformAccountsOptions"/> is bound from.</summary>
    public const string ParentSectionName = "Platforms";

    /// <summary>The entries by their key under <see cref="SectionName"/> (array index or name). Default: none.</summary>
    public Dictionary<string, PlatformAccountSettings> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configuration path of an entry, for messages.</summary>
    public static string PathOf(string key) => SectionName + ":" + key;
}
