using System.ServiceModel;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Emulator.Tests.Messages;

public sealed class UpsertMessagesTests : IDisposable
{
    private readonly FixtureSolution _solution = new();
    private readonly EmulatedOrganization _org;
    private readonly IOrganizationService _service;

    public UpsertMessagesTests()
    {
        _org = new EmulatedOrganization(new EmulatorOptions { SolutionFolder = _solution.Folder, SkipSolutionPlugins = true, TimeProvider = new ManualClock(TestOrganization.Start) });
        _service = _org.CreateService();
    }

    public void Dispose() => _solution.Dispose();

    [Fact]
    public void Upsert_NoRowWithKey_CreatesWithKeyValuesCopiedIn()
    {
        var steps = new List<string>();
        _org.RegisterStep(DelegatePlugin.Step("Create", "ec_syncrequest", PipelineStage.PreOperation, (c, _, _) => steps.Add(c.MessageName)));
        _org.RegisterStep(DelegatePlugin.Step("Upsert", "ec_syncrequest", PipelineStage.PreOperation, (c, _, _) => steps.Add(c.MessageName)));
        var target = new Entity("ec_syncrequest", "ec_dedupekey", "contact:1") { ["ec_name"] = "first" };

        var response = (UpsertResponse)_service.Execute(new UpsertRequest { Target = target });

        Assert.True(response.RecordCreated);
        var row = _org.Read("ec_syncrequest", response.Target.Id)!;
        Assert.Equal("contact:1", row["ec_dedupekey"]);
        Assert.Equal(["Upsert", "Create"], steps);
    }

    [Fact]
    public void Upsert_RowWithKeyExists_UpdatesThroughUpdateSteps()
    {
        var first = (UpsertResponse)_service.Execute(new UpsertRequest { Target = new Entity("ec_syncrequest", "ec_dedupekey", "contact:1") { ["ec_name"] = "first" } });
        var updates = 0;
        _org.RegisterStep(DelegatePlugin.Step("Update", "ec_syncrequest", PipelineStage.PostOperation, (_, _, _) => updates++));

        var second = (UpsertResponse)_service.Execute(new UpsertRequest { Target = new Entity("ec_syncrequest", "ec_dedupekey", "CONTACT:1") { ["ec_attempts"] = 2 } });

        Assert.False(second.RecordCreated);
        Assert.Equal(first.Target.Id, second.Target.Id);
        Assert.Equal(1, updates);
        var row = Assert.Single(_org.Rows("ec_syncrequest"));
        Assert.Equal(2, row["ec_attempts"]);
        Assert.Equal("first", row["ec_name"]);
    }

    [Fact]
    public void Create_DuplicateAlternateKeyIgnoringCase_FaultsWithDuplicateRecord()
    {
        _service.Create(new Entity("ec_syncrequest") { ["ec_dedupekey"] = "Contact:1" });

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Create(new Entity("ec_syncrequest") { ["ec_dedupekey"] = "contact:1" }));

        Assert.Equal(unchecked((int)0x80040237), fault.Detail.ErrorCode);
        Assert.Single(_org.Rows("ec_syncrequest"));
    }

    [Fact]
    public void Retrieve_ByAlternateKey_FindsTheRow()
    {
        var id = _service.Create(new Entity("ec_syncrequest") { ["ec_dedupekey"] = "k1", ["ec_name"] = "by key" });

        var row = (RetrieveResponse)_service.Execute(new RetrieveRequest
        {
            Target = new EntityReference("ec_syncrequest", "ec_dedupekey", "K1"), ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("ec_name"),
        });

        Assert.Equal(id, row.Entity.Id);
        var missing = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Execute(new RetrieveRequest
        {
            Target = new EntityReference("ec_syncrequest", "ec_dedupekey", "nope"), ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet(true),
        }));
        Assert.Equal(unchecked((int)0x80040217), missing.Detail.ErrorCode);
    }

    [Fact]
    public void UpdateAndDelete_ByAlternateKey_FindTheRow()
    {
        var id = _service.Create(new Entity("ec_syncrequest") { ["ec_dedupekey"] = "k1" });

        _service.Update(new Entity("ec_syncrequest", "ec_dedupekey", "k1") { ["ec_attempts"] = 3 });
        Assert.Equal(3, _org.Read("ec_syncrequest", id)!["ec_attempts"]);

        _service.Execute(new DeleteRequest { Target = new EntityReference("ec_syncrequest", "ec_dedupekey", "K1") });
        Assert.Null(_org.Read("ec_syncrequest", id));
    }

    [Fact]
    public void UpsertMultiple_MixedItems_ReturnsPerItemResults()
    {
        _service.Create(new Entity("ec_syncrequest") { ["ec_dedupekey"] = "existing" });
        var targets = new EntityCollection([
            new Entity("ec_syncrequest", "ec_dedupekey", "existing") { ["ec_attempts"] = 1 },
            new Entity("ec_syncrequest", "ec_dedupekey", "new") { ["ec_attempts"] = 2 },
        ]) { EntityName = "ec_syncrequest" };

        var response = _service.Execute(new OrganizationRequest("UpsertMultiple") { ["Targets"] = targets });

        var results = (UpsertResponse[])response["Results"];
        Assert.Equal([false, true], results.Select(r => r.RecordCreated));
        Assert.Equal(2, _org.Rows("ec_syncrequest").Count);
    }

    [Fact]
    public void CreateMultipleAndUpdateMultiple_ReturnIdsAndUpdateEveryItem()
    {
        var created = _service.Execute(new OrganizationRequest("CreateMultiple")
        {
            ["Targets"] = new EntityCollection([new Entity("contact") { ["lastname"] = "a" }, new Entity("contact") { ["lastname"] = "b" }]) { EntityName = "contact" },
        });
        var ids = (Guid[])created["Ids"];

        _service.Execute(new OrganizationRequest("UpdateMultiple")
        {
            ["Targets"] = new EntityCollection(ids.Select(id => new Entity("contact", id) { ["firstname"] = "x" }).ToList()) { EntityName = "contact" },
        });

        Assert.All(ids, id => Assert.Equal("x", _org.Read("contact", id)!["firstname"]));
    }
}
