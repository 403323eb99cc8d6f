using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Account;

public class AccountOnUpdatePreOperationTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Update_NewAddress_ResetsInvalidFlagAndBounceHistory()
    {
        var id = BouncedAccount();

        _org.Service.Update(new Entity("account", id) { ["emailaddress1"] = "office@new.example.com" });

        var account = _org.Organization.Read("account", id)!;
        Assert.Equal("office@new.example.com", account.GetAttributeValue<string>("emailaddress1"));
        Assert.False(account.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal(0, account.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
        Assert.Equal(0, account.GetAttributeValue<int>(RecipientColumns.SoftBounceCount));
        Assert.Null(account.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory));
    }

    [Fact]
    public void Update_SameAddressInOtherCase_KeepsBounceHistory()
    {
        var id = BouncedAccount();

        _org.Service.Update(new Entity("account", id) { ["emailaddress1"] = "Office@Example.com" });

        var account = _org.Organization.Read("account", id)!;
        Assert.True(account.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal(2, account.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
    }

    private Guid BouncedAccount() => _org.Service.Create(new Entity("account")
    {
        ["name"] = "Contoso",
        ["emailaddress1"] = "office@example.com",
        [RecipientColumns.EmailInvalid] = true,
        [RecipientColumns.HardBounceCount] = 2,
        [RecipientColumns.SoftBounceCount] = 3,
        [RecipientColumns.BounceCategory] = new OptionSetValue((int)BounceCategory.Hard),
    });
}
