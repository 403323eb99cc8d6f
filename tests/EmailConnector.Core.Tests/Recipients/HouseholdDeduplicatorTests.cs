using EmailConnector.Core.Recipients;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Recipients;

public sealed class HouseholdDeduplicatorTests
{
    [Fact]
    public void Offer_FirstPolicy_KeepsTheFirstOfAnAddress()
    {
        var sut = CreateSut(HouseholdPolicy.First);
        var address = Some.EmailAddress();

        var first = sut.Offer(Some.Candidate(emailAddress: address));
        var second = sut.Offer(Some.Candidate(emailAddress: " " + address.ToUpperInvariant()));

        Assert.True(first.Keep);
        Assert.False(second.Keep);
        Assert.Null(second.Displaced);
    }

    [Fact]
    public void Offer_AllPolicy_KeepsEveryone()
    {
        var sut = CreateSut(HouseholdPolicy.All);
        var address = Some.EmailAddress();

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(sut.Offer(Some.Candidate(emailAddress: address)).Keep));
    }

    [Fact]
    public void Offer_PrimaryContactArrivingLater_DisplacesTheEarlierMember()
    {
        var sut = CreateSut(HouseholdPolicy.PrimaryContact);
        var address = Some.EmailAddress();
        var partner = Some.Candidate(emailAddress: address);
        var primary = new RecipientCandidate(Some.Contact(), address) { IsPrimaryContact = true };

        var first = sut.Offer(partner);
        var second = sut.Offer(primary);
        var third = sut.Offer(Some.Candidate(emailAddress: address));

        Assert.True(first.Keep);
        Assert.True(second.Keep);
        Assert.Equal(partner.Record, second.Displaced);
        Assert.False(third.Keep);
    }

    [Fact]
    public void Offer_PrimaryContactPolicy_PrefersContactsOverAccountsOverLeads()
    {
        var sut = CreateSut(HouseholdPolicy.PrimaryContact);
        var address = Some.EmailAddress();
        var lead = Some.Candidate(Some.Lead(), address);
        var account = Some.Candidate(Some.Account(), address);
        var contact = Some.Candidate(Some.Contact(), address);

        sut.Offer(lead);
        var accountDecision = sut.Offer(account);
        var contactDecision = sut.Offer(contact);
        var secondLead = sut.Offer(Some.Candidate(Some.Lead(), address));

        Assert.Equal(lead.Record, accountDecision.Displaced);
        Assert.Equal(account.Record, contactDecision.Displaced);
        Assert.False(secondLead.Keep);
    }

    [Fact]
    public void Offer_SameRecordTwice_IsKeptNotDuplicate()
    {
        var sut = CreateSut(HouseholdPolicy.First);
        var candidate = Some.Candidate();

        sut.Offer(candidate);

        Assert.True(sut.Offer(candidate).Keep);
    }

    [Fact]
    public void Offer_InvalidAddress_Throws()
    {
        var sut = CreateSut(HouseholdPolicy.First);

        Assert.Throws<ArgumentException>(() => sut.Offer(new RecipientCandidate(Some.Contact(), "broken")));
    }

    private static HouseholdDeduplicator CreateSut(HouseholdPolicy policy) => new(policy);
}
