using System.Xml.Linq;

namespace EmailConnector.Solution.Tests;

public class RoleTests
{
    private static Dictionary<string, XElement> Roles() =>
        SolutionSource.Files("Roles", "*.xml").Select(XElement.Load).ToDictionary(r => r.Attribute("name")!.Value);

    [Fact]
    public void Roles_TheThreeConnectorRoles()
    {
        Assert.Equal(["Email Connector Service", "Email Marketing Manager", "Email Marketing Professional"], Roles().Keys.Order());
    }

    [Fact]
    public void Privileges_OnConnectorTablesNameTablesOfTheSolutionWithValidLevels()
    {
        var tables = SolutionSource.Files("Entities", "Entity.xml").Select(f => XElement.Load(f).Element("Name")!.Value).Where(n => n.StartsWith("ec_", StringComparison.Ordinal)).ToHashSet();
        foreach (var privilege in Roles().Values.SelectMany(r => r.Descendants("RolePrivilege")))
        {
            Assert.Contains(privilege.Attribute("level")!.Value, new[] { "Basic", "Local", "Deep", "Global" });
            var name = privilege.Attribute("name")!.Value;
            var ec = name.IndexOf("ec_", StringComparison.Ordinal);
            if (ec > 0)
                Assert.Contains(name[ec..], tables);
        }
    }

    [Fact]
    public void Service_HasFullAccessToTheQueueAndWritesBackToContactsAndLeads()
    {
        var service = Roles()["Email Connector Service"].Descendants("RolePrivilege").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("level")!.Value);
        foreach (var action in new[] { "Create", "Read", "Write", "Delete" })
            Assert.Equal("Global", service[$"prv{action}ec_SyncRequest"]);
        Assert.Equal("Global", service["prvWriteContact"]);
        Assert.Equal("Global", service["prvWriteLead"]);
        Assert.Equal("Global", service["prvCreateLead"]);
    }

    [Fact]
    public void Professional_CannotChangeAccountsOrTheQueue()
    {
        var names = Roles()["Email Marketing Professional"].Descendants("RolePrivilege").Select(p => p.Attribute("name")!.Value).ToHashSet();
        Assert.Contains("prvReadec_PlatformAccount", names);
        Assert.DoesNotContain("prvWriteec_PlatformAccount", names);
        Assert.DoesNotContain("prvCreateec_SyncRequest", names);
        Assert.DoesNotContain("prvWriteec_SyncRequest", names);
    }
}
