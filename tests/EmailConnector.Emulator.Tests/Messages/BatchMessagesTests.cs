using System.ServiceModel;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Emulator.Tests.Messages;

public class BatchMessagesTests
{
    private readonly EmulatedOrganization _org = TestOrganization.Create();

    private static OrganizationRequestCollection ThreeCreatesSecondFailing() =>
    [
        new CreateRequest { Target = new Entity("contact") { ["lastname"] = "one" } },
        new CreateRequest { Target = new Entity("contact") { ["lastname"] = new string('x', 60) } },
        new CreateRequest { Target = new Entity("contact") { ["lastname"] = "three" } },
    ];

    [Fact]
    public void ExecuteMultiple_WithoutContinueOnError_StopsAtFirstFault()
    {
        var response = (ExecuteMultipleResponse)_org.CreateService().Execute(new ExecuteMultipleRequest
        {
            Requests = ThreeCreatesSecondFailing(), Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = true },
        });

        Assert.True(response.IsFaulted);
        Assert.Equal([0, 1], response.Responses.Select(r => r.RequestIndex));
        Assert.Equal(unchecked((int)0x80044331), response.Responses[1].Fault.ErrorCode);
        Assert.Equal(["one"], _org.Rows("contact").Select(c => (string)c["lastname"]));
    }

    [Fact]
    public void ExecuteMultiple_WithContinueOnErrorAndNoResponses_RunsAllAndReturnsOnlyFaults()
    {
        var response = (ExecuteMultipleResponse)_org.CreateService().Execute(new ExecuteMultipleRequest
        {
            Requests = ThreeCreatesSecondFailing(), Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
        });

        var item = Assert.Single(response.Responses);
        Assert.Equal(1, item.RequestIndex);
        Assert.NotNull(item.Fault);
        Assert.Equal(2, _org.Rows("contact").Count);
    }

    [Fact]
    public void ExecuteMultiple_WithoutSettingsOrOverLimit_Faults()
    {
        var service = _org.CreateService();

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Execute(new ExecuteMultipleRequest { Requests = [] }));
        var tooMany = new OrganizationRequestCollection();
        for (var i = 0; i < 1001; i++)
            tooMany.Add(new WhoAmIRequestStub());
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Execute(new ExecuteMultipleRequest { Requests = tooMany, Settings = new ExecuteMultipleSettings() }));
    }

    [Fact]
    public void ExecuteTransaction_OneRequestFails_RollsBackAllAndNamesTheIndex()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _org.CreateService().Execute(new ExecuteTransactionRequest { Requests = ThreeCreatesSecondFailing() }));

        var detail = Assert.IsType<ExecuteTransactionFault>(fault.Detail);
        Assert.Equal(1, detail.FaultedRequestIndex);
        Assert.Empty(_org.Rows("contact"));
    }

    [Fact]
    public void ExecuteTransaction_AllSucceed_ReturnsResponsesWhenAsked()
    {
        var response = (ExecuteTransactionResponse)_org.CreateService().Execute(new ExecuteTransactionRequest
        {
            Requests = [new CreateRequest { Target = new Entity("contact") { ["lastname"] = "a" } }, new CreateRequest { Target = new Entity("contact") { ["lastname"] = "b" } }],
            ReturnResponses = true,
        });

        Assert.Equal(2, response.Responses.Count);
        Assert.Equal(2, _org.Rows("contact").Count);
    }

    private sealed class WhoAmIRequestStub : OrganizationRequest
    {
        public WhoAmIRequestStub() => RequestName = "WhoAmI";
    }
}
