using EmailConnector.Core.Reactions;

namespace EmailConnector.Core.Tests.Reactions;

public sealed class ConsentMergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Resolve_OptInThenNewerOptOut_IsOptedOut()
    {
        Assert.Equal(ConsentState.OptedOut, ConsentMerge.Resolve([In(T0), Out(T0.AddHours(1))]));
    }

    [Fact]
    public void Resolve_OptOutThenNewerExplicitOptIn_IsOptedIn()
    {
        Assert.Equal(ConsentState.OptedIn, ConsentMerge.Resolve([Out(T0), In(T0.AddHours(1))]));
    }

    [Fact]
    public void Resolve_TieBetweenOptInAndOptOut_OptOutWins()
    {
        Assert.Equal(ConsentState.OptedOut, ConsentMerge.Resolve([In(T0), Out(T0)]));
        Assert.Equal(ConsentState.OptedOut, ConsentMerge.Resolve([Out(T0), In(T0)]));
    }

    [Fact]
    public void Resolve_AutomaticOptInAfterOptOut_NeverResubscribes()
    {
        var reimport = new ConsentEvent(ConsentState.OptedIn, T0.AddDays(1), ConsentSource.Automatic);

        Assert.Equal(ConsentState.OptedOut, ConsentMerge.Resolve([Out(T0), reimport]));
    }

    [Fact]
    public void Resolve_EventsArrivingOutOfOrder_GiveTheSameAnswer()
    {
        var events = new[] { In(T0), Out(T0.AddHours(2)), In(T0.AddHours(1)) };

        Assert.Equal(ConsentState.OptedOut, ConsentMerge.Resolve(events));
        Assert.Equal(ConsentState.OptedOut, ConsentMerge.Resolve(events.Reverse()));
    }

    [Fact]
    public void Apply_LateOlderOptOutAfterExplicitOptIn_KeepsTheOptIn()
    {
        var current = In(T0.AddHours(1));

        Assert.Same(current, ConsentMerge.Apply(current, Out(T0)));
    }

    [Fact]
    public void Resolve_NoEvents_IsUnknown()
    {
        Assert.Equal(ConsentState.Unknown, ConsentMerge.Resolve([]));
    }

    [Fact]
    public void ShouldApplyOptOut_CrmOptedInLaterByAUser_IsFalse()
    {
        Assert.False(ConsentMerge.ShouldApplyOptOut(In(T0.AddMinutes(1)), T0));
        Assert.True(ConsentMerge.ShouldApplyOptOut(In(T0), T0));
        Assert.True(ConsentMerge.ShouldApplyOptOut(null, T0));
    }

    private static ConsentEvent In(DateTimeOffset at) => new(ConsentState.OptedIn, at, ConsentSource.Crm);

    private static ConsentEvent Out(DateTimeOffset at) => new(ConsentState.OptedOut, at, ConsentSource.Platform);
}
