using Microsoft.Xrm.Sdk;

namespace EmailConnector.Testing;

/// <summary>Rows the test hosts seed through an organization service: a contact, an account, a marketing list.</summary>
public static class Seed
{
    /// <summary>A contact with a last name and, when given, an address and a first name; returns its id.</summary>
    public static Guid Contact(IOrganizationService service, string lastName, string? email = null, string? firstName = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        var contact = new Entity("contact") { ["lastname"] = lastName };
        if (email is not null)
            contact["emailaddress1"] = email;
        if (firstName is not null)
            contact["firstname"] = firstName;
        return service.Create(contact);
    }

    /// <summary>An account with a name and, when given, an address; <paramref name="with"/> sets further columns; returns its id.</summary>
    public static Guid Account(IOrganizationService service, string name, string? email = null, Action<Entity>? with = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        var account = new Entity("account") { ["name"] = name };
        if (email is not null)
            account["emailaddress1"] = email;
        with?.Invoke(account);
        return service.Create(account);
    }

    /// <summary>A static marketing list of <paramref name="memberType"/> (1 account, 2 contact, 4 lead); returns its id.</summary>
    public static Guid List(IOrganizationService service, string name, int memberType = 2)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Create(new Entity("list") { ["listname"] = name, ["createdfromcode"] = new OptionSetValue(memberType), ["type"] = false });
    }
}
