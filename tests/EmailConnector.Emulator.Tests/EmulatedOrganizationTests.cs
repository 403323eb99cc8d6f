using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests;

public class EmulatedOrganizationTests
{
    [Fact]
    public void Restore_AfterChanges_BringsBackTheSnapshot()
    {
        var org = TestOrganization.Create();
        var service = org.CreateService();
        var kept = service.Contact("kept");
        var snapshot = org.Snapshot();

        service.Update(new Entity("contact", kept) { ["firstname"] = "changed" });
        service.Contact("added");
        service.Delete("contact", kept);
        org.Restore(snapshot);

        var row = Assert.Single(org.Rows("contact"));
        Assert.Equal(kept, row.Id);
        Assert.False(row.Contains("firstname"));
        Assert.Equal(kept, Assert.Single(org.CreateService().RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("contact")).Entities).Id);
    }

    [Fact]
    public void Reset_ClearsRowsAndLogsButKeepsStepsAndSeedRows()
    {
        var org = TestOrganization.Create();
        var fired = 0;
        org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PostOperation, (_, _, _) => fired++));
        org.CreateService().Contact("before");

        org.Reset();

        Assert.Empty(org.Rows("contact"));
        Assert.Empty(org.Log.Requests);
        Assert.NotNull(org.Read("systemuser", org.Options.DefaultUserId));
        org.CreateService().Contact("after");
        Assert.Equal(2, fired);
    }

    [Fact]
    public void CreateService_UnknownUser_FaultsOnFirstCall()
    {
        var org = TestOrganization.Create();

        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => org.CreateService(Guid.NewGuid()).Contact("x"));
    }

    [Fact]
    public void DefaultIdSource_IsSequentialAndOrdered()
    {
        var org = TestOrganization.Create();
        var service = org.CreateService();

        var ids = Enumerable.Range(0, 5).Select(i => service.Contact("c" + i)).ToList();

        Assert.Equal(ids, ids.Order().ToList());
        Assert.Equal(ids, TestOrganization.Create().CreateService() is var other ? Enumerable.Range(0, 5).Select(i => other.Contact("c" + i)).ToList() : []);
    }

    [Fact]
    public void RunPlugin_HandMadeContext_RunsWithTheSameServices()
    {
        var org = TestOrganization.Create();
        var plugin = new DelegatePlugin((c, s, t) =>
        {
            t.Trace("target is {0}", ((Entity)c.InputParameters["Target"]).LogicalName);
            s.Create(new Entity("account") { ["name"] = "from unit test" });
        });
        var context = new PluginExecutionContext
        {
            MessageName = "Create", PrimaryEntityName = "contact", Stage = 20, Depth = 1,
            UserId = org.Options.DefaultUserId, InitiatingUserId = org.Options.DefaultUserId,
            InputParameters = { ["Target"] = new Entity("contact") },
        };

        org.RunPlugin(plugin, context);

        Assert.Equal("target is contact", Assert.Single(org.Log.Traces).Message);
        Assert.Single(org.Rows("account"));
    }
}
