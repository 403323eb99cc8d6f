using System.ServiceModel;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Messages;

public class SetStateMessageTests
{
    private readonly EmulatedOrganization _org = TestOrganization.Create();

    [Fact]
    public void SetState_ValidPair_RunsSetStateAndInnerUpdateSteps()
    {
        var service = _org.CreateService();
        var id = service.Contact("Lovelace");
        var messages = new List<string>();
        _org.RegisterStep(DelegatePlugin.Step("SetState", "contact", PipelineStage.PreOperation, (c, _, _) => messages.Add(c.MessageName)));
        _org.RegisterStep(DelegatePlugin.Step("Update", "contact", PipelineStage.PreOperation, (c, _, _) => messages.Add(c.MessageName)));

        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("contact", id), State = new OptionSetValue(1), Status = new OptionSetValue(2) });

        Assert.Equal(["SetState", "Update"], messages);
        Assert.Equal(1, _org.Read("contact", id)!.GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [Fact]
    public void SetState_StatusOfOtherState_Faults()
    {
        var service = _org.CreateService();
        var id = service.Contact("Lovelace");

        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("contact", id), State = new OptionSetValue(1), Status = new OptionSetValue(1) }));
        Assert.Equal(0, _org.Read("contact", id)!.GetAttributeValue<OptionSetValue>("statecode").Value);
    }
}
