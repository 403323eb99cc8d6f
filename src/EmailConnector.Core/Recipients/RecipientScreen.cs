using System;
using System.Collections.Generic;

namespace EmailConnector.Core.Recipients;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>The screening outcome of one member.</summary>
public sealed class ScreeningResult
{
    internal ScreeningResult(ExclusionReason reason, bool alreadyScreened, RecordReference? displaced)
    {
        Reason = reason;
        AlreadyScreened = alreadyScreened;
        Displaced = displaced;
    }

    /// <summary><see cref="ExclusionReason.None"/> when the member is transferred.</summary>
    public ExclusionReason Reason { get; }

    /// <summary>
    /// The record was screened before (it is on two of the activity's lists): it is one recipient, counted once, and
    /// <see cref="Reason"/> repeats its current outcome.
    /// </summary>
    public bool AlreadyScreened { get; }

    /// <summary>An earlier member that this one replaces as the address's recipient; it is now a duplicate.</summary>
    public RecordReference? Displaced { get; }
}

/// <summary>
/// Screens the members of a campaign activity's lists one by one: consent and address rules, then the household
/// policy, with a running <see cref="ExclusionTally"/>. The transfer preview (plugin) and the transfer itself (worker)
/// both use it, so the numbers a user confirms are the numbers the transfer produces.
/// </summary>
public sealed class RecipientScreen
{
    private readonly HouseholdDeduplicator _households;
    private readonly Dictionary<RecordReference, ExclusionReason> _seen = new Dictionary<RecordReference, ExclusionReason>();
    private readonly ExclusionTally _tally = new ExclusionTally();

    public RecipientScreen(HouseholdPolicy policy)
    {
        _households = new HouseholdDeduplicator(policy);
    }

    public ExclusionTally Tally => _tally;

    public ScreeningResult Screen(RecipientCandidate candidate)
    {
        if (candidate is null)
            throw new ArgumentNullException(nameof(candidate));
        ExclusionReason earlier;
        if (_seen.TryGetValue(candidate.Record, out earlier))
            return new ScreeningResult(earlier, true, null);

        var reason = ExclusionRules.Evaluate(candidate);
        RecordReference? displaced = null;
        if (reason == ExclusionReason.None)
        {
            var decision = _households.Offer(candidate);
            if (!decision.Keep)
                reason = ExclusionReason.DuplicateAddress;
            displaced = decision.Displaced;
            if (displaced.HasValue)
            {
                _seen[displaced.Value] = ExclusionReason.DuplicateAddress;
                _tally.Move(ExclusionReason.None, ExclusionReason.DuplicateAddress);
            }
        }
        _seen.Add(candidate.Record, reason);
        _tally.Add(reason);
        return new ScreeningResult(reason, false, displaced);
    }
}
