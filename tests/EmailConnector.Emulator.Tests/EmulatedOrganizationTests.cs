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

    [SkippableFact]
    public void Create_RepositorySolution_StartsAndStoresItsTables()
    {
        Skip.IfNot(Directory.Exists(EmailConnector.Testing.RepositoryPaths.Solution), "solution/EmailConnector is not in this checkout yet.");
        var org = new EmulatedOrganization(new EmulatorOptions
        {
            SolutionFolder = EmailConnector.Testing.RepositoryPaths.Solution, SkipSolutionPlugins = true, TimeProvider = new ManualClock(TestOrganization.Start),
        });

        var id = org.CreateService().Create(new Entity("ec_syncrequest"));

        Assert.NotNull(org.Read("ec_syncrequest", id));
        Assert.NotEmpty(org.Solution.CustomApis);
    }

    [Fact]
    public void Restrict_DeleteOfReferencedRow_Faults()
    {
        using var solution = new FixtureSolution();
        var org = new EmulatedOrganization(new EmulatorOptions { SolutionFolder = solution.Folder, SkipSolutionPlugins = true });
        var service = org.CreateService();
        var parent = service.Create(new Entity("ec_zaccount") { ["ec_name"] = "z" });
        service.Create(new Entity("ec_syncrequest") { ["ec_zaccountid"] = new EntityReference("ec_zaccount", parent) });

        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => service.Delete("ec_zaccount", parent));
        Assert.NotNull(org.Read("ec_zaccount", parent));
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
