using EmailConnector.Core.Reactions;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Reactions;

public sealed class ReactionEventIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Derive_SameContent_GivesTheSameId()
    {
        var first = ReactionEventIds.Derive(ReactionKind.Click, "contact-42", "m-1", At, "https://example.com/a");
        var again = ReactionEventIds.Derive(ReactionKind.Click, "contact-42", "m-1", At.ToOffset(TimeSpan.FromHours(2)), "https://example.com/a");

        Assert.Equal(first, again);
    }

    [Fact]
    public void Derive_DifferentLinkOrTime_GivesDifferentIds()
    {
        var a = ReactionEventIds.Derive(ReactionKind.Click, "contact-42", "m-1", At, "https://example.com/a");

        Assert.NotEqual(a, ReactionEventIds.Derive(ReactionKind.Click, "contact-42", "m-1", At, "https://example.com/b"));
        Assert.NotEqual(a, ReactionEventIds.Derive(ReactionKind.Click, "contact-42", "m-1", At.AddSeconds(1), "https://example.com/a"));
        Assert.NotEqual(a, ReactionEventIds.Derive(ReactionKind.Open, "contact-42", "m-1", At, "https://example.com/a"));
    }

    [Fact]
    public void Derive_AddressInContent_DoesNotAppearInTheId()
    {
        var id = ReactionEventIds.Derive(ReactionKind.Open, "anna@example.com", null, At);

        Assert.DoesNotContain("anna", id, StringComparison.Ordinal);
    }

    [Fact]
    public void DedupeKey_SameEventFromTwoAccounts_Differs()
    {
        var reaction = new ReactionEvent { EventId = "ev-1", Kind = ReactionKind.Open, OccurredAt = At, Record = Some.Contact() };

        var a = ReactionEventIds.DedupeKey("account-a", reaction);
        var b = ReactionEventIds.DedupeKey("account-b", reaction);

        Assert.NotEqual(a, b);
        Assert.Equal(64, a.Length);
        Assert.Equal(a, ReactionEventIds.DedupeKey("account-a", reaction with { IpAddress = "192.0.2.1" }));
    }
}
