using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Contact;

public class ContactOnUpdatePreOperationTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Update_NewAddress_ResetsInvalidFlagAndBounceHistory()
    {
        var id = _org.Contact("Doe", with: c =>
        {
            c[RecipientColumns.EmailInvalid] = true;
            c[RecipientColumns.HardBounceCount] = 2;
            c[RecipientColumns.SoftBounceCount] = 3;
            c[RecipientColumns.BounceCategory] = new OptionSetValue((int)BounceCategory.Hard);
        });

        _org.Service.Update(new Entity("contact", id) { ["emailaddress1"] = "jane@new.example.com" });

        var contact = _org.Organization.Read("contact", id)!;
        Assert.Equal("jane@new.example.com", contact.GetAttributeValue<string>("emailaddress1"));
        Assert.False(contact.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal(0, contact.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
        Assert.Equal(0, contact.GetAttributeValue<int>(RecipientColumns.SoftBounceCount));
        Assert.Null(contact.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory));
    }

    [Fact]
    public void Update_SameAddressInOtherCase_KeepsBounceHistory()
    {
        var id = _org.Contact("Doe", with: c => c[RecipientColumns.EmailInvalid] = true);

        _org.Service.Update(new Entity("contact", id) { ["emailaddress1"] = "Jane.Doe@Example.com" });

        Assert.True(_org.Organization.Read("contact", id)!.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
    }
}
