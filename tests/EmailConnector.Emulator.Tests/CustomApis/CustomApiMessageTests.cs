using System.ServiceModel;
using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.CustomApis;

public sealed class CustomApiMessageTests : IDisposable
{
    private readonly FixtureSolution _solution = new();
    private readonly EmulatedOrganization _org;

    public CustomApiMessageTests()
    {
        _org = new EmulatedOrganization(new EmulatorOptions
        {
            SolutionFolder = _solution.Folder,
            PluginTypeResolver = PluginRegistry.TypesIn(typeof(EchoApiPlugin).Assembly),
            TimeProvider = new ManualClock(TestOrganization.Start),
        });
    }

    public void Dispose() => _solution.Dispose();

    [Fact]
    public void Execute_ValidParameters_RunsMainOperationAtStage30AndReturnsTypedOutputs()
    {
        var stages = new List<int>();
        _org.RegisterStep(DelegatePlugin.Step("ec_Echo", null, PipelineStage.PostOperation, (c, _, _) =>
        {
            stages.Add(c.Stage);
            Assert.Equal("hello", c.OutputParameters["Echo"]);
        }));

        var response = _org.CreateService().Execute(new OrganizationRequest("ec_Echo") { ["Text"] = "hello" });

        Assert.Equal("ec_Echo", response.ResponseName);
        Assert.Equal("hello", response["Echo"]);
        Assert.Equal(5, response["Length"]);
        var main = Assert.Single(_org.Log.Steps, s => s.Stage == PipelineStage.MainOperation);
        Assert.Equal("ec_Echo", main.MessageName);
        Assert.Equal("none", main.PrimaryEntityName);
        Assert.Equal([40], stages);
    }

    [Fact]
    public void Execute_MissingRequiredParameter_FaultsBeforeStage10()
    {
        var stage10Ran = false;
        _org.RegisterStep(DelegatePlugin.Step("ec_Echo", null, PipelineStage.PreValidation, (_, _, _) => stage10Ran = true));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.CreateService().Execute(new OrganizationRequest("ec_Echo") { ["Times"] = 2 }));

        Assert.Contains("Text", fault.Detail.Message, StringComparison.Ordinal);
        Assert.False(stage10Ran);
        Assert.Empty(_org.Log.Steps);
    }

    [Fact]
    public void Execute_WrongParameterTypeOrUnknownParameter_Faults()
    {
        var service = _org.CreateService();

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Execute(new OrganizationRequest("ec_Echo") { ["Text"] = 42 }));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Execute(new OrganizationRequest("ec_Echo") { ["Text"] = "x", ["Bogus"] = 1 }));
    }

    [Fact]
    public void Execute_BoundApiWithoutTarget_Faults_AndMissingResponsePropertyFaults()
    {
        var service = _org.CreateService();
        var campaign = service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var activity = service.Create(new Entity("campaignactivity") { ["subject"] = "Mail", ["regardingobjectid"] = new EntityReference("campaign", campaign) });

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Execute(new OrganizationRequest("ec_Forgetful")));
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Execute(new OrganizationRequest("ec_Forgetful") { ["Target"] = new EntityReference("campaignactivity", activity) }));
        Assert.Contains("Result", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCustomApi_TestApi_WorksLikeSolutionApi()
    {
        _org.RegisterCustomApi(
            new CustomApiDefinition("ec_Test", CustomApiBindingType.Global, null, IsFunction: false)
            {
                RequestParameters = [new CustomApiField("Text", CustomApiFieldType.String, false, null)],
                ResponseProperties = [new CustomApiField("Echo", CustomApiFieldType.String, false, null), new CustomApiField("Length", CustomApiFieldType.Integer, false, null)],
            },
            typeof(EchoApiPlugin));

        var response = _org.CreateService().Execute(new OrganizationRequest("ec_Test") { ["Text"] = "abc" });

        Assert.Equal(3, response["Length"]);
    }
}
