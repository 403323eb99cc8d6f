namespace EmailConnector.Emulator.Faults;

/// <summary>One Dataverse error code with the place its value comes from.</summary>
public sealed record ErrorCode(string Name, uint Code, string Source)
{
    public int Value => unchecked((int)Code);

    public string Hex => "0x" + Code.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    public bool IsVerified => !Source.StartsWith("unverified", StringComparison.Ordinal);
}
