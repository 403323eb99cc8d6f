using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Testing.Plugins;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Infrastructure;

public class PluginBaseTests
{
    private static readonly Guid CorrelationId = new("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    private static readonly Guid ContactId = new("00000000-0000-0000-0000-00000000c0de");

    [Fact]
    public void Execute_StepSucceeds_TracesStartWithCorrelationIdThenEnd()
    {
        var (provider, _, tracing, _) = CreatePlatform();

        new DelegateStep(step => step.Trace("working")).Execute(provider);

        Assert.Collection(tracing.Lines,
            l => Assert.Matches($@"^DelegateStep start \[\+\d+ms\] correlation id {CorrelationId}, Update of contact {ContactId}, stage 40, depth 1$", l),
            l => Assert.Matches(@"^DelegateStep \[\+\d+ms\] working$", l),
            l => Assert.Matches(@"^DelegateStep end \[\+\d+ms\]$", l));
    }

    [Fact]
    public void Execute_Always_HandsThePlatformServicesToTheStep()
    {
        var (provider, context, _, factory) = CreatePlatform();
        StepContext? seen = null;

        new DelegateStep(step => seen = step).Execute(provider);

        Assert.NotNull(seen);
        Assert.Equal("DelegateStep", seen.StepName);
        Assert.Same(context, seen.PluginContext);
        Assert.Same(factory, seen.ServiceFactory);
    }

    [Fact]
    public void Execute_StepThrowsInvalidPluginExecutionException_RethrowsItUnchanged()
    {
        var (provider, _, tracing, _) = CreatePlatform();
        var thrown = new InvalidPluginExecutionException("This marketing list is locked while a sync is running.");

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => new DelegateStep(_ => throw thrown).Execute(provider));

        Assert.Same(thrown, caught);
        Assert.Contains(tracing.Lines, l => l.StartsWith("DelegateStep stopped [+", StringComparison.Ordinal)
            && l.EndsWith("ms] This marketing list is locked while a sync is running.", StringComparison.Ordinal));
        Assert.Matches(@"^DelegateStep end \[\+\d+ms\]$", tracing.Lines[^1]);
    }

    [Fact]
    public void Execute_StepThrowsAnyOtherException_WrapsItWithAReadableMessageAndTracesTheDetail()
    {
        var (provider, _, tracing, _) = CreatePlatform();
        var thrown = new InvalidOperationException("Sequence contains no elements {0}");

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => new DelegateStep(_ => throw thrown).Execute(provider));

        Assert.Equal(ErrorMessages.UnexpectedError(CorrelationId), caught.Message);
        Assert.Same(thrown, caught.InnerException);
        Assert.DoesNotContain("Sequence contains", caught.Message, StringComparison.Ordinal);
        var failed = Assert.Single(tracing.Lines, l => l.StartsWith("DelegateStep failed [+", StringComparison.Ordinal));
        Assert.Contains("System.InvalidOperationException: Sequence contains no elements {0}", failed, StringComparison.Ordinal);
        Assert.Contains(nameof(DelegateStep), failed, StringComparison.Ordinal);
        Assert.Matches(@"^DelegateStep end \[\+\d+ms\]$", tracing.Lines[^1]);
    }

    [Theory]
    [InlineData(typeof(ITracingService))]
    [InlineData(typeof(IPluginExecutionContext))]
    [InlineData(typeof(IOrganizationServiceFactory))]
    public void Execute_PlatformServiceMissing_FailsNamingIt(Type missing)
    {
        var (provider, _, _, _) = CreatePlatform();
        Without(provider, missing);
        var ran = false;

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => new DelegateStep(_ => ran = true).Execute(provider));

        Assert.Equal(ErrorMessages.MissingService(missing), caught.Message);
        Assert.False(ran);
    }

    [Fact]
    public void Execute_NoServiceProvider_FailsWithReadableMessage()
    {
        var caught = Assert.Throws<InvalidPluginExecutionException>(() => new DelegateStep(_ => { }).Execute(null!));

        Assert.Equal(ErrorMessages.MissingService(typeof(IServiceProvider)), caught.Message);
    }

    [Fact]
    public void Execute_OneInstanceTwice_KeepsEachExecutionToItsOwnServices()
    {
        // Dataverse reuses one plugin instance for many executions.
        var step = new DelegateStep(s => s.Trace(s.PluginContext.MessageName));
        var (first, _, firstTracing, _) = CreatePlatform();
        var (second, secondContext, secondTracing, _) = CreatePlatform();
        secondContext.MessageName = "Create";
        secondContext.Stage = 40;

        step.Execute(first);
        step.Execute(second);

        Assert.Contains(firstTracing.Lines, l => l.EndsWith("ms] Update", StringComparison.Ordinal));
        Assert.DoesNotContain(firstTracing.Lines, l => l.EndsWith("ms] Create", StringComparison.Ordinal));
        Assert.Contains(secondTracing.Lines, l => l.EndsWith("ms] Create", StringComparison.Ordinal));
        Assert.Equal(3, secondTracing.Lines.Count);
    }

    private static (FakeServiceProvider Provider, FakePluginExecutionContext Context, RecordingTracingService Tracing, RecordingOrganizationServiceFactory Factory) CreatePlatform()
    {
        var context = new FakePluginExecutionContext
        {
            MessageName = "Update",
            PrimaryEntityName = "contact",
            PrimaryEntityId = ContactId,
            Stage = 40,
            CorrelationId = CorrelationId,
        };
        var tracing = new RecordingTracingService();
        var factory = new RecordingOrganizationServiceFactory();
        var provider = new FakeServiceProvider()
            .With<IPluginExecutionContext>(context)
            .With<ITracingService>(tracing)
            .With<IOrganizationServiceFactory>(factory);
        return (provider, context, tracing, factory);
    }

    private static void Without(FakeServiceProvider provider, Type service)
    {
        if (service == typeof(ITracingService))
            provider.Without<ITracingService>();
        else if (service == typeof(IPluginExecutionContext))
            provider.Without<IPluginExecutionContext>();
        else
            provider.Without<IOrganizationServiceFactory>();
    }

    private sealed class DelegateStep(Action<StepContext> body) : PluginBase
    {
        protected override void ExecuteStep(StepContext context) => body(context);
    }
}
