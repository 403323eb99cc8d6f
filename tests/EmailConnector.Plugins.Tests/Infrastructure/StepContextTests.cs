using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Testing.Plugins;

namespace EmailConnector.Plugins.Tests.Infrastructure;

public class StepContextTests
{
    [Fact]
    public void Trace_Text_IsPrefixedWithStepNameAndElapsedMilliseconds()
    {
        var tracing = new RecordingTracingService();

        CreateSut(tracing).Trace("contact 1 changed columns: emailaddress1");

        Assert.Matches(@"^ContactOnUpdatePostOperation \[\+\d+ms\] contact 1 changed columns: emailaddress1$", Assert.Single(tracing.Lines));
    }

    [Fact]
    public void Trace_TextWithFormatBraces_IsWrittenVerbatim()
    {
        var tracing = new RecordingTracingService();

        CreateSut(tracing).Trace("value {0} and {name}");

        Assert.EndsWith("ms] value {0} and {name}", Assert.Single(tracing.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_MissingPart_Throws()
    {
        var context = new FakePluginExecutionContext();
        var factory = new RecordingOrganizationServiceFactory();
        var tracing = new RecordingTracingService();

        Assert.Throws<ArgumentNullException>(() => new StepContext(null!, context, factory, tracing));
        Assert.Throws<ArgumentNullException>(() => new StepContext("Step", null!, factory, tracing));
        Assert.Throws<ArgumentNullException>(() => new StepContext("Step", context, null!, tracing));
        Assert.Throws<ArgumentNullException>(() => new StepContext("Step", context, factory, null!));
    }

    private static StepContext CreateSut(RecordingTracingService tracing) =>
        new("ContactOnUpdatePostOperation", new FakePluginExecutionContext(), new RecordingOrganizationServiceFactory(), tracing);
}
