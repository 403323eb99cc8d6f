using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Pipeline;

public sealed class PluginRegistryTests : IDisposable
{
    private readonly FixtureSolution _solution = new();

    public void Dispose() => _solution.Dispose();

    [Theory]
    [InlineData("Create", PipelineStage.PostOperation, ImageType.PreImage)]
    [InlineData("Delete", PipelineStage.PostOperation, ImageType.PostImage)]
    [InlineData("Update", PipelineStage.PreOperation, ImageType.PostImage)]
    public void Register_ImpossibleImage_IsRefused(string message, PipelineStage stage, ImageType imageType)
    {
        var registry = new PluginRegistry();

        var step = new PluginStep(message, "contact", stage, (_, _) => new DelegatePlugin((_, _, _) => { })) { Images = [new StepImage("img", imageType, null)] };

        Assert.Throws<InvalidOperationException>(() => registry.Register(step));
        Assert.Empty(registry.Steps);
    }

    [Fact]
    public void Register_AsyncOutsideStage40OrStage30_IsRefused()
    {
        var registry = new PluginRegistry();

        Assert.Throws<InvalidOperationException>(() => registry.Register(
            new PluginStep("Create", "contact", PipelineStage.PreOperation, (_, _) => new DelegatePlugin((_, _, _) => { })) { Mode = StepMode.Asynchronous }));
        Assert.Throws<InvalidOperationException>(() => registry.Register(
            new PluginStep("Create", "contact", PipelineStage.MainOperation, (_, _) => new DelegatePlugin((_, _, _) => { }))));
    }

    [Fact]
    public void Steps_SameStage_RunByRankThenRegistrationOrder()
    {
        var org = TestOrganization.Create();
        var order = new List<string>();
        org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PreOperation, (_, _) => new DelegatePlugin((_, _, _) => order.Add("rank2"))) { Rank = 2 });
        org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PreOperation, (_, _) => new DelegatePlugin((_, _, _) => order.Add("rank1a"))) { Rank = 1 });
        org.RegisterStep(new PluginStep("Create", "contact", PipelineStage.PreOperation, (_, _) => new DelegatePlugin((_, _, _) => order.Add("rank1b"))) { Rank = 1 });

        org.CreateService().Contact("x");

        Assert.Equal(["rank1a", "rank1b", "rank2"], order);
    }

    [Fact]
    public void RegisterSolution_StepXml_RunsPluginTypeWithConfigurationsAndImage()
    {
        var org = new EmulatedOrganization(new EmulatorOptions
        {
            SolutionFolder = _solution.Folder,
            PluginTypeResolver = PluginRegistry.TypesIn(typeof(ConfiguredPlugin).Assembly),
            SecureConfigurations = new Dictionary<Guid, string> { [Guid.Parse(FixtureSolution.StepId)] = "secret" },
            TimeProvider = new ManualClock(TestOrganization.Start),
        });
        var service = org.CreateService();
        var id = service.Contact("Lovelace", "ada@example.com");

        service.Update(new Entity("contact", id) { ["firstname"] = "not filtered" });
        Assert.Empty(org.Log.Traces);

        service.Update(new Entity("contact", id) { ["ec_emailinvalid"] = true });
        var trace = Assert.Single(org.Log.Traces);
        Assert.Equal("unsecure-setting|secret|Update|20|1", trace.Message);
        Assert.Equal("ConfiguredPlugin: Update of contact", trace.StepName);
    }

    [Fact]
    public void Organization_SolutionWithStepsButNoResolver_RefusesToStart()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new EmulatedOrganization(new EmulatorOptions { SolutionFolder = _solution.Folder }));

        Assert.Contains("PluginTypeResolver", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypesInFiles_PluginDll_ResolvesPublicPluginTypesByFullName()
    {
        var resolve = PluginRegistry.TypesInFiles(typeof(ConfiguredPlugin).Assembly.Location);

        Assert.Equal(typeof(ConfiguredPlugin), resolve(typeof(ConfiguredPlugin).FullName!));
        Assert.Null(resolve("No.Such.Plugin"));
    }

    [Fact]
    public void PluginActivator_TwoStringConstructor_GetsBothConfigurations()
    {
        var plugin = PluginActivator.Create(typeof(ConfiguredPlugin), "u", "s");

        Assert.IsType<ConfiguredPlugin>(plugin);
        Assert.Throws<InvalidOperationException>(() => PluginActivator.Create(typeof(string), null, null));
    }
}
