using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Tests.Support;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests.Lists;

/// <summary>One address book per campaign activity, never two (scenario 16 and the lost answer of scenario 20).</summary>
public sealed class AddressBooksTests : HarnessTests
{
    [Theory]
    [InlineData("Test")]
    [InlineData("All Contacts")]
    public async Task EnsureList_ReservedName_GetsAFreeVariant(string name)
    {
        var list = await Harness.Platform.EnsureListAsync(Some.ListDefinition(name: name), None);

        Assert.Equal(name + " (2)", list.Name);
    }

    [Fact]
    public async Task EnsureList_CreateAppliedButAnswerLost_FindsTheBookInsteadOfCreatingASecond()
    {
        await Harness.Script.PostAsync("faults", new FaultRule { Method = "POST", PathPrefix = "/v2/address-books", Kind = "commit-then-status", Status = 504 });
        var definition = Some.ListDefinition();

        var list = await Harness.Platform.EnsureListAsync(definition, None);

        Assert.Equal(definition.Name, list.Name);
        Assert.True(list.Created);
        Assert.Equal(1, Harness.Vendor.Statistics.RequestsByRoute["POST /v2/address-books"]);
    }

    [Fact]
    public async Task EnsureList_LongName_IsCutToTheVendorLimit()
    {
        var list = await Harness.Platform.EnsureListAsync(Some.ListDefinition(name: new string('x', 300)), None);

        Assert.Equal(128, list.Name.Length);
    }

    [Fact]
    public async Task EnsureList_AccountAtItsAddressBookLimit_ThrowsPermanentNamingTheLimit()
    {
        // The account holds the read-only "Test" book; a limit of two leaves room for one more.
        await using var harness = await DotdigitalHarness.StartAsync(Time, o => o.MaxAddressBooks = 2);
        await harness.Platform.EnsureListAsync(Some.ListDefinition(), None);

        var thrown = await Assert.ThrowsAsync<PlatformPermanentException>(() => harness.Platform.EnsureListAsync(Some.ListDefinition(), None));

        Assert.Contains("ERROR_ADDRESSBOOK_LIMITEXCEEDED", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Vendor.Statistics.RequestsByRoute["POST /v2/address-books"]);
        harness.AssertExchangesMatchOpenApi();
    }

    [Fact]
    public async Task EnsureList_ServerErrorWithoutEffect_CreatesOnce()
    {
        await Harness.Script.PostAsync("faults", new FaultRule { Method = "POST", PathPrefix = "/v2/address-books", Kind = "status", Status = 500 });

        await Assert.ThrowsAsync<PlatformTransientException>(() => Harness.Platform.EnsureListAsync(Some.ListDefinition(), None));

        Assert.Equal(1, Harness.Vendor.Statistics.RequestsByRoute["POST /v2/address-books"]);
    }
}
