using EmailConnector.Emulator.Diagnostics;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Diagnostics;

public class EmulatorLogTests
{
    [Fact]
    public void Logs_RecordRequestsStepsAndTracesWithDepth()
    {
        var org = TestOrganization.Create();
        org.RegisterStep(DelegatePlugin.Step("Create", "contact", PipelineStage.PostOperation, (c, s, t) =>
        {
            t.Trace("creating account for {0}", c.PrimaryEntityId);
            s.Create(new Entity("account") { ["name"] = "a" });
        }, name: "contact post"));
        var service = org.CreateService();

        var id = service.Contact("Lovelace");

        Assert.Equal([("Create", 2), ("Create", 1)], org.Log.Requests.Select(r => (r.RequestName, r.Depth)));
        Assert.Equal("Lovelace", ((Entity)org.Log.Requests[1].Parameters["Target"])["lastname"]);
        var step = Assert.Single(org.Log.Steps);
        Assert.Equal(("contact post", PipelineStage.PostOperation, StepMode.Synchronous, 1, id, StepOutcome.Succeeded),
            (step.StepName, step.Stage, step.Mode, step.Depth, step.PrimaryEntityId, step.Outcome));
        Assert.Equal($"creating account for {id}", Assert.Single(org.Log.Traces).Message);
    }

    [Fact]
    public void RequestLog_FailedRequest_KeepsTheFault()
    {
        var org = TestOrganization.Create();

        Assert.ThrowsAny<Exception>(() => org.CreateService().Retrieve("contact", Guid.NewGuid(), new Microsoft.Xrm.Sdk.Query.ColumnSet(true)));

        Assert.Equal(unchecked((int)0x80040217), Assert.Single(org.Log.Requests).Fault!.ErrorCode);
    }
}
