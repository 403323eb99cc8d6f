using System.ServiceModel;
using EmailConnector.Emulator.Diagnostics;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Pipeline;

public class ExecutionEngineTests
{
    private readonly EmulatedOrganization _org = TestOrganization.Create();

    [Fact]
    public void Create_PluginWritesRowThenLaterStepThrows_EverythingIsRolledBack()
    {
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PostOperation, (_, service, _) =>
            service.Create(new Entity("account") { ["name"] = "written by plugin" })));
        _org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PostOperation, (_, _) =>
            new DelegatePlugin((_, _, _) => throw new InvalidPluginExecutionException("second step refuses"))) { Rank = 2, Name = "refuser" });
        var service = _org.CreateService();

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Contact("Lovelace"));

        Assert.Equal("second step refuses", fault.Detail.Message);
        Assert.Equal(unchecked((int)0x80040265), fault.Detail.ErrorCode);
        Assert.Empty(_org.Rows("account"));
        Assert.Empty(_org.Rows("contact"));
    }

    [Fact]
    public void Update_StepWithImageColumns_ImagesCarryOnlyListedColumns()
    {
        IPluginExecutionContext? seen = null;
        _org.RegisterStep(new PluginStep("Update", "contact", PipelineStage.PostOperation, (_, _) => new DelegatePlugin((c, _, _) => seen = c))
        {
            Images = [new StepImage("pre", ImageType.PreImage, ["lastname"]), new StepImage("post", ImageType.PostImage, ["emailaddress1", "firstname"])],
        });
        var service = _org.CreateService();
        var id = service.Contact("Lovelace", "ada@example.com");

        service.Update(new Entity("contact", id) { ["lastname"] = "Byron" });

        Assert.NotNull(seen);
        Assert.Equal(["lastname"], seen.PreEntityImages["pre"].Attributes.Keys.ToArray());
        Assert.Equal("Lovelace", seen.PreEntityImages["pre"]["lastname"]);
        // firstname is null, and images omit nulls.
        Assert.Equal(["emailaddress1"], seen.PostEntityImages["post"].Attributes.Keys.ToArray());
    }

    [Fact]
    public void Update_NoFilteringAttributeInTarget_StepDoesNotFire()
    {
        var fired = 0;
        _org.RegisterStep(new PluginStep("Update", "contact", PipelineStage.PostOperation, (_, _) => new DelegatePlugin((_, _, _) => fired++))
        {
            FilteringAttributes = ["emailaddress1"],
        });
        var service = _org.CreateService();
        var id = service.Contact("Lovelace");

        service.Update(new Entity("contact", id) { ["firstname"] = "Ada" });
        Assert.Equal(0, fired);

        service.Update(new Entity("contact", id) { ["emailaddress1"] = "ada@example.com" });
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Update_Stage20AddsFilteringAttribute_LaterStepFires()
    {
        var fired = 0;
        _org.RegisterStep(DelegatePlugin.Step("Update", "contact", PipelineStage.PreOperation, (c, _, _) =>
            ((Entity)c.InputParameters["Target"])["emailaddress1"] = "added@example.com"));
        _org.RegisterStep(new PluginStep("Update", "contact", PipelineStage.PostOperation, (_, _) => new DelegatePlugin((_, _, _) => fired++))
        {
            FilteringAttributes = ["emailaddress1"],
        });
        var service = _org.CreateService();
        var id = service.Contact("Lovelace");

        service.Update(new Entity("contact", id) { ["firstname"] = "Ada" });

        Assert.Equal(1, fired);
        Assert.Equal("added@example.com", _org.Read("contact", id)!["emailaddress1"]);
    }

    [Fact]
    public void Update_PluginUpdatesSameRecordRecursively_Depth9Faults()
    {
        var depths = new List<int>();
        _org.RegisterStep(DelegatePlugin.Step("Update", "contact", PipelineStage.PostOperation, (c, service, _) =>
        {
            depths.Add(c.Depth);
            service.Update(new Entity("contact", c.PrimaryEntityId) { ["firstname"] = "again " + c.Depth });
        }));
        var service = _org.CreateService();
        var id = service.Contact("Lovelace");

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("contact", id) { ["firstname"] = "start" }));

        Assert.Equal(unchecked((int)0x80044182), fault.Detail.ErrorCode);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], depths);
        Assert.Null(_org.Read("contact", id)!.GetAttributeValue<string>("firstname"));
    }

    [Fact]
    public void Create_AsyncPostOperationStep_RunsAfterCommitWithAsyncContext()
    {
        var org = TestOrganization.Create(runAsync: false);
        IPluginExecutionContext? seen = null;
        var rowExistedWhenRun = false;
        org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PostOperation, (_, _) => new DelegatePlugin((c, s, _) =>
        {
            seen = c;
            rowExistedWhenRun = s.Retrieve("contact", c.PrimaryEntityId, new ColumnSet("lastname")) is not null;
        }))
        { Mode = StepMode.Asynchronous });
        var service = org.CreateService();

        var id = service.Contact("Lovelace");
        Assert.Null(seen);
        Assert.Equal(1, org.PendingAsyncCount);

        org.RunPendingAsync();

        Assert.NotNull(seen);
        Assert.Equal(1, seen.Mode);
        Assert.False(seen.IsInTransaction);
        Assert.Equal(id, seen.PrimaryEntityId);
        Assert.NotEqual(Guid.Empty, seen.OperationId);
        Assert.True(rowExistedWhenRun);
    }

    [Fact]
    public void Create_AsyncStepFails_ParentStaysCommittedAndFailureIsLogged()
    {
        _org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PostOperation, (_, _) =>
            new DelegatePlugin((_, _, _) => throw new InvalidPluginExecutionException("async boom")))
        { Mode = StepMode.Asynchronous, Name = "async failing" });
        var service = _org.CreateService();

        var id = service.Contact("Lovelace");

        Assert.NotNull(_org.Read("contact", id));
        var execution = Assert.Single(_org.Log.Steps, s => s.StepName == "async failing");
        Assert.Equal(StepOutcome.Failed, execution.Outcome);
        Assert.Equal("async boom", execution.Error);
        Assert.Equal(StepMode.Asynchronous, execution.Mode);
    }

    [Fact]
    public void Create_SyncStepRolledBack_QueuedAsyncStepIsDropped()
    {
        var asyncRuns = 0;
        _org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PostOperation, (_, _) => new DelegatePlugin((_, _, _) => asyncRuns++))
        { Mode = StepMode.Asynchronous });
        _org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PostOperation, (_, _) =>
            new DelegatePlugin((_, _, _) => throw new InvalidPluginExecutionException("no"))) { Rank = 5 });

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.CreateService().Contact("Lovelace"));

        Assert.Equal(0, asyncRuns);
        Assert.Equal(0, _org.PendingAsyncCount);
    }

    [Fact]
    public void Create_StepContext_EveryMemberIsPopulated()
    {
        var contexts = new List<IPluginExecutionContext>();
        foreach (var stage in new[] { PipelineStage.PreValidation, PipelineStage.PreOperation, PipelineStage.PostOperation })
            _org.RegisterStep(DelegatePlugin.Step("Create", "contact", stage, (c, _, _) => contexts.Add(c)));
        var user = _org.AddUser("Grace Hopper");
        var service = _org.CreateService(user);

        var id = service.Create(new Entity("contact") { ["lastname"] = "Lovelace" });

        Assert.Equal([10, 20, 40], contexts.Select(c => c.Stage).ToArray());
        var post = contexts[2];
        Assert.Equal("Create", post.MessageName);
        Assert.Equal("contact", post.PrimaryEntityName);
        Assert.Equal(id, post.PrimaryEntityId);
        Assert.Equal(Guid.Empty, contexts[1].PrimaryEntityId);
        Assert.Equal(0, contexts[1].OutputParameters.Count);
        Assert.Equal(id, post.OutputParameters["id"]);
        Assert.Equal(user, post.UserId);
        Assert.Equal(user, post.InitiatingUserId);
        Assert.Equal(_org.Options.BusinessUnitId, post.BusinessUnitId);
        Assert.Equal(_org.Options.OrganizationId, post.OrganizationId);
        Assert.Equal(_org.Options.OrganizationName, post.OrganizationName);
        Assert.Equal(1, post.Depth);
        Assert.Equal(2, post.IsolationMode);
        Assert.Equal(0, post.Mode);
        Assert.False(contexts[0].IsInTransaction);
        Assert.True(contexts[1].IsInTransaction);
        Assert.True(post.IsInTransaction);
        Assert.NotEqual(Guid.Empty, post.CorrelationId);
        Assert.All(contexts, c => Assert.Equal(post.CorrelationId, c.CorrelationId));
        Assert.Equal("sdkmessageprocessingstep", post.OwningExtension.LogicalName);
        Assert.IsType<Entity>(post.InputParameters["Target"]);
        Assert.Equal(10, post.ParentContext.Stage);
        Assert.Same(contexts[0].SharedVariables, post.ParentContext.SharedVariables);
        Assert.Equal(TestOrganization.Start.UtcDateTime, post.OperationCreatedOn);
    }

    [Fact]
    public void Create_PreValidationSharedVariable_VisibleLaterThroughParentContext()
    {
        object? seen = null;
        object? sharedFromPre = null;
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PreValidation, (c, _, _) => c.SharedVariables["fromTen"] = 10));
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PreOperation, (c, _, _) => c.SharedVariables["fromTwenty"] = 20));
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PostOperation, (c, _, _) =>
        {
            seen = c.ParentContext.SharedVariables["fromTen"];
            sharedFromPre = c.SharedVariables["fromTwenty"];
            Assert.False(c.SharedVariables.ContainsKey("fromTen"));
        }));

        _org.CreateService().Contact("Lovelace");

        Assert.Equal(10, seen);
        Assert.Equal(20, sharedFromPre);
    }

    [Fact]
    public void Create_NestedCall_GetsParentContextDepthAndCorrelation()
    {
        IPluginExecutionContext? outer = null;
        IPluginExecutionContext? inner = null;
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PostOperation, (c, s, _) =>
        {
            outer = c;
            s.Create(new Entity("account") { ["name"] = "child" });
        }));
        _org.RegisterStep(DelegatePlugin.Step("Create", "account", PipelineStage.PreOperation, (c, _, _) => inner = c));

        _org.CreateService().Contact("Lovelace");

        Assert.NotNull(inner);
        Assert.Equal(2, inner.Depth);
        Assert.Equal(outer!.CorrelationId, inner.CorrelationId);
        Assert.Same(outer, inner.ParentContext.ParentContext);
        Assert.True(inner.IsInTransaction);
    }

    [Fact]
    public void Create_PluginThrowsOtherException_CallerSeesIsvUnexpected()
    {
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PreOperation, (_, _, _) => throw new InvalidOperationException("internal detail")));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.CreateService().Contact("Lovelace"));

        Assert.Equal("An unexpected error occurred from ISV code.", fault.Detail.Message);
        Assert.Contains("internal detail", fault.Detail.TraceText);
    }

    [Fact]
    public void Create_Stage20ChangesTarget_ChangeIsSaved()
    {
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PreOperation, (c, _, _) =>
            ((Entity)c.InputParameters["Target"])["firstname"] = "Ada"));
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PostOperation, (c, _, _) =>
            ((Entity)c.InputParameters["Target"])["lastname"] = "ignored at 40"));

        var id = _org.CreateService().Contact("Lovelace");

        var row = _org.Read("contact", id)!;
        Assert.Equal("Ada", row["firstname"]);
        Assert.Equal("Lovelace", row["lastname"]);
    }

    [Fact]
    public void Create_CallerEntityChangedAfterwards_StoreIsUnaffected()
    {
        var entity = new Entity("contact") { ["lastname"] = "Lovelace" };
        var id = _org.CreateService().Create(entity);

        entity["lastname"] = "changed by caller";
        var retrieved = _org.CreateService().Retrieve("contact", id, new ColumnSet(true));
        retrieved["lastname"] = "changed after read";

        Assert.Equal("Lovelace", _org.Read("contact", id)!["lastname"]);
        Assert.False(entity.Contains("contactid"));
    }

    [Fact]
    public void CreateMultiple_RegisteredCreateStep_RunsPerItemAndOneFailureRollsBackAll()
    {
        var seen = new List<string>();
        _org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PreOperation, (c, _, _) =>
        {
            var name = (string)((Entity)c.InputParameters["Target"])["lastname"];
            seen.Add(name);
            if (name == "bad")
                throw new InvalidPluginExecutionException("bad item");
        }));
        var request = new OrganizationRequest("CreateMultiple")
        {
            ["Targets"] = new EntityCollection([new Entity("contact") { ["lastname"] = "one" }, new Entity("contact") { ["lastname"] = "bad" }]) { EntityName = "contact" },
        };

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.CreateService().Execute(request));

        Assert.Equal("bad item", fault.Detail.Message);
        Assert.Equal(["one", "bad"], seen);
        Assert.Empty(_org.Rows("contact"));
    }

    [Fact]
    public void ServiceProvider_FactoryAndEndpointService_BehaveAsThePlatform()
    {
        Guid systemWritten = Guid.Empty;
        _org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PostOperation, (_, _) => new ProviderProbe(id => systemWritten = id)));

        _org.CreateService().Contact("Lovelace");

        Assert.Equal(_org.Options.SystemUserId, _org.Read("account", systemWritten)!.GetAttributeValue<EntityReference>("createdby").Id);
        var post = Assert.Single(_org.Notifications.Posts);
        Assert.Equal("serviceendpoint", post.Endpoint.LogicalName);
        Assert.Equal("Create", post.Context.MessageName);
    }

    private sealed class ProviderProbe(Action<Guid> written) : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IExecutionContext)serviceProvider.GetService(typeof(IExecutionContext))!;
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            written(factory.CreateOrganizationService(null).Create(new Entity("account") { ["name"] = "as SYSTEM" }));
            var endpoint = (IServiceEndpointNotificationService)serviceProvider.GetService(typeof(IServiceEndpointNotificationService))!;
            endpoint.Execute(new EntityReference("serviceendpoint", Guid.NewGuid()), context);
            Assert.Null(serviceProvider.GetService(typeof(string)));
        }
    }

    [Fact]
    public void Execute_SameRequestOnSeveralThreads_AllRowsAreCreated()
    {
        var service = _org.CreateService();

        Parallel.For(0, 200, i => service.Contact("parallel " + i));

        Assert.Equal(200, _org.Rows("contact").Count);
    }
}
