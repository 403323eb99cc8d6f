using EmailConnector.Core.Recipients;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Recipients;

public sealed class ExclusionRulesTests
{
    [Fact]
    public void Evaluate_CleanMember_IsNotExcluded()
    {
        Assert.Equal(ExclusionReason.None, ExclusionRules.Evaluate(Some.Candidate()));
    }

    [Theory]
    [InlineData(nameof(RecipientCandidate.DoNotBulkEmail), ExclusionReason.DoNotBulkEmail)]
    [InlineData(nameof(RecipientCandidate.DoNotEmail), ExclusionReason.DoNotBulkEmail)]
    [InlineData(nameof(RecipientCandidate.UnsubscribedFromList), ExclusionReason.UnsubscribedFromList)]
    [InlineData(nameof(RecipientCandidate.Suppressed), ExclusionReason.Suppressed)]
    [InlineData(nameof(RecipientCandidate.EmailInvalid), ExclusionReason.InvalidAddress)]
    [InlineData(nameof(RecipientCandidate.HardBounced), ExclusionReason.Bounced)]
    public void Evaluate_OneFlagSet_GivesItsReason(string flag, ExclusionReason expected)
    {
        var candidate = Some.Candidate();
        typeof(RecipientCandidate).GetProperty(flag)!.SetValue(candidate, true);

        Assert.Equal(expected, ExclusionRules.Evaluate(candidate));
    }

    [Fact]
    public void Evaluate_NoAddress_IsNoAddress()
    {
        Assert.Equal(ExclusionReason.NoAddress, ExclusionRules.Evaluate(new RecipientCandidate(Some.Contact(), null)));
        Assert.Equal(ExclusionReason.NoAddress, ExclusionRules.Evaluate(new RecipientCandidate(Some.Contact(), "  ")));
    }

    [Fact]
    public void Evaluate_MalformedAddress_IsMalformed()
    {
        Assert.Equal(ExclusionReason.MalformedAddress, ExclusionRules.Evaluate(new RecipientCandidate(Some.Contact(), "anna at example.com")));
    }

    [Fact]
    public void Evaluate_OptedOutWithMalformedAddress_ReportsTheOptOut()
    {
        var candidate = new RecipientCandidate(Some.Contact(), "broken") { DoNotBulkEmail = true };

        Assert.Equal(ExclusionReason.DoNotBulkEmail, ExclusionRules.Evaluate(candidate));
    }

    [Fact]
    public void Evaluate_EveryFlagSet_FollowsTheDocumentedPrecedence()
    {
        // Remove the winning cause one at a time: the reasons must come out in enum (precedence) order.
        var candidate = new RecipientCandidate(Some.Contact(), Some.EmailAddress())
        {
            DoNotBulkEmail = true, UnsubscribedFromList = true, Suppressed = true, EmailInvalid = true, HardBounced = true,
        };
        var seen = new List<ExclusionReason>();
        seen.Add(ExclusionRules.Evaluate(candidate));
        candidate.DoNotBulkEmail = false;
        seen.Add(ExclusionRules.Evaluate(candidate));
        candidate.UnsubscribedFromList = false;
        seen.Add(ExclusionRules.Evaluate(candidate));
        candidate.Suppressed = false;
        seen.Add(ExclusionRules.Evaluate(new RecipientCandidate(candidate.Record, null) { EmailInvalid = true, HardBounced = true }));
        seen.Add(ExclusionRules.Evaluate(new RecipientCandidate(candidate.Record, "x@") { EmailInvalid = true, HardBounced = true }));
        seen.Add(ExclusionRules.Evaluate(candidate));
        candidate.EmailInvalid = false;
        seen.Add(ExclusionRules.Evaluate(candidate));

        Assert.Equal(
            [ExclusionReason.DoNotBulkEmail, ExclusionReason.UnsubscribedFromList, ExclusionReason.Suppressed, ExclusionReason.NoAddress,
             ExclusionReason.MalformedAddress, ExclusionReason.InvalidAddress, ExclusionReason.Bounced],
            seen);
        Assert.Equal(seen.OrderBy(r => (int)r), seen);
    }

    [Fact]
    public void ExclusionReason_Values_AreStable()
    {
        // CRM stores these numbers; renumbering would relabel every stored exclusion.
        Assert.Equal(
            [0, 1, 2, 3, 4, 5, 6, 7, 8],
            new[]
            {
                ExclusionReason.None, ExclusionReason.DoNotBulkEmail, ExclusionReason.UnsubscribedFromList, ExclusionReason.Suppressed,
                ExclusionReason.NoAddress, ExclusionReason.MalformedAddress, ExclusionReason.InvalidAddress, ExclusionReason.Bounced,
                ExclusionReason.DuplicateAddress,
            }.Select(r => (int)r));
    }
}
