using System;
using System.Collections.Generic;

namespace EmailConnector.Core.Recipients;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>The household decision for one member.</summary>
public sealed class HouseholdDecision
{
    internal static readonly HouseholdDecision Kept = new HouseholdDecision(true, null);
    internal static readonly HouseholdDecision Duplicate = new HouseholdDecision(false, null);

    private HouseholdDecision(bool keep, RecordReference? displaced)
    {
        Keep = keep;
        Displaced = displaced;
    }

    /// <summary>The member is transferred; when false it is excluded as <see cref="ExclusionReason.DuplicateAddress"/>.</summary>
    public bool Keep { get; }

    /// <summary>
    /// A member kept earlier for the same address that this one outranks: it becomes a duplicate. Only
    /// <see cref="HouseholdPolicy.PrimaryContact"/> displaces, because a better-ranked member can arrive later in the stream.
    /// </summary>
    public RecordReference? Displaced { get; }

    internal static HouseholdDecision Displacing(RecordReference displaced) => new HouseholdDecision(true, displaced);
}

/// <summary>
/// Applies a <see cref="HouseholdPolicy"/> to a stream of members that passed <see cref="ExclusionRules"/>. It keeps
/// one small entry per distinct address (never the member data), so memory grows with addresses, not with fields.
/// </summary>
public sealed class HouseholdDeduplicator
{
    private readonly HouseholdPolicy _policy;
    private readonly Dictionary<string, Holder> _holders = new Dictionary<string, Holder>(StringComparer.Ordinal);

    public HouseholdDeduplicator(HouseholdPolicy policy)
    {
        if (policy != HouseholdPolicy.First && policy != HouseholdPolicy.PrimaryContact && policy != HouseholdPolicy.All)
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown household policy.");
        _policy = policy;
    }

    public HouseholdPolicy Policy => _policy;

    /// <summary>Decides for the next member; its address must be valid (checked by <see cref="ExclusionRules"/>).</summary>
    public HouseholdDecision Offer(RecipientCandidate candidate)
    {
        if (candidate is null)
            throw new ArgumentNullException(nameof(candidate));
        if (!EmailAddressRules.IsValid(candidate.EmailAddress))
            throw new ArgumentException("Only members with a valid address take part in the household decision.", nameof(candidate));
        if (_policy == HouseholdPolicy.All)
            return HouseholdDecision.Kept;

        var key = EmailAddressRules.Normalize(candidate.EmailAddress!);
        var rank = _policy == HouseholdPolicy.PrimaryContact ? RankOf(candidate) : 0;
        Holder holder;
        if (!_holders.TryGetValue(key, out holder))
        {
            _holders.Add(key, new Holder(candidate.Record, rank));
            return HouseholdDecision.Kept;
        }
        if (holder.Record == candidate.Record)
            return HouseholdDecision.Kept; // the same record on two lists is one recipient, not a duplicate
        if (rank < holder.Rank)
        {
            _holders[key] = new Holder(candidate.Record, rank);
            return HouseholdDecision.Displacing(holder.Record);
        }
        return HouseholdDecision.Duplicate;
    }

    // Lower is better. Contact > account > lead follows eworx's documented match priority, a good default.
    private static int RankOf(RecipientCandidate candidate)
    {
        var table = candidate.Record.LogicalName;
        var tableRank = table == "contact" ? 0 : table == "account" ? 1 : table == "lead" ? 2 : 3;
        return (candidate.IsPrimaryContact ? 0 : 4) + tableRank;
    }

    private struct Holder
    {
        public Holder(RecordReference record, int rank)
        {
            Record = record;
            Rank = rank;
        }

        public RecordReference Record { get; }

        public int Rank { get; }
    }
}
