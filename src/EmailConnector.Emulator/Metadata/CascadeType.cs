namespace EmailConnector.Emulator.Metadata;

/// <summary>Cascade behaviour of a 1:N relationship, as customizations.xml spells it.</summary>
public enum CascadeType
{
    NoCascade,
    Cascade,
    Active,
    UserOwned,
    RemoveLink,
    Restrict,
}
