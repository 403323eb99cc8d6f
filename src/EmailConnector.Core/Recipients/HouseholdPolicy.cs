namespace EmailConnector.Core.Recipients;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>Which members sharing one email address are transferred.</summary>
public enum HouseholdPolicy
{
    /// <summary>The first member seen with the address; later ones are duplicates.</summary>
    First = 0,

    /// <summary>
    /// One member per address, preferring the account's primary contact, then contacts over accounts over leads,
    /// then the first seen.
    /// </summary>
    PrimaryContact = 1,

    /// <summary>Every member, each as its own platform contact (where the platform allows shared addresses).</summary>
    All = 2,
}
