namespace EmailConnector.Core.Recipients;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>
/// Consent resolution for one member: the first <see cref="ExclusionReason"/> that applies, in the documented
/// precedence order. Duplicates are decided afterwards by <see cref="HouseholdDeduplicator"/>.
/// </summary>
public static class ExclusionRules
{
    public static ExclusionReason Evaluate(RecipientCandidate candidate)
    {
        if (candidate is null)
            throw new System.ArgumentNullException(nameof(candidate));

        if (candidate.DoNotBulkEmail || candidate.DoNotEmail)
            return ExclusionReason.DoNotBulkEmail;
        if (candidate.UnsubscribedFromList)
            return ExclusionReason.UnsubscribedFromList;
        if (candidate.Suppressed)
            return ExclusionReason.Suppressed;

        var problem = EmailAddressRules.Check(candidate.EmailAddress);
        if (problem == EmailAddressProblem.Missing)
            return ExclusionReason.NoAddress;
        if (problem != EmailAddressProblem.None)
            return ExclusionReason.MalformedAddress;

        if (candidate.EmailInvalid)
            return ExclusionReason.InvalidAddress;
        if (candidate.HardBounced)
            return ExclusionReason.Bounced;
        return ExclusionReason.None;
    }
}
