using EmailConnector.Plugins.Contact;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Testing.Plugins;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Contact;

public class ContactOnUpdatePostOperationTests
{
    private static readonly Guid ContactId = new("00000000-0000-0000-0000-00000000c0de");

    [Fact]
    public void Execute_UpdateWithColumns_TracesColumnNamesNeverValues()
    {
        var (provider, context, tracing, _) = CreatePlatform();
        context.InputParameters["Target"] = new Entity("contact", ContactId)
        {
            ["emailaddress1"] = "jane.doe@example.com",
            ["donotbulkemail"] = true,
            ["lastname"] = "Doe",
        };

        CreateSut().Execute(provider);

        Assert.Contains(tracing.Lines, l => l.EndsWith($"ms] contact {ContactId} changed columns: donotbulkemail, emailaddress1, lastname", StringComparison.Ordinal));
        Assert.DoesNotContain("jane.doe@example.com", tracing.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Doe,", tracing.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("True", tracing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_UpdateWithoutColumns_TracesThatNothingChanged()
    {
        var (provider, context, tracing, _) = CreatePlatform();
        context.InputParameters["Target"] = new Entity("contact", ContactId);

        CreateSut().Execute(provider);

        Assert.Contains(tracing.Lines, l => l.EndsWith($"ms] contact {ContactId}: no columns changed", StringComparison.Ordinal));
    }

    [Fact]
    public void Execute_Update_TouchesNoOrganizationServiceAndNoParameters()
    {
        var (provider, context, _, factory) = CreatePlatform();
        var target = new Entity("contact", ContactId) { ["emailaddress1"] = "jane.doe@example.com" };
        context.InputParameters["Target"] = target;

        CreateSut().Execute(provider);

        Assert.Empty(factory.RequestedUsers);
        Assert.Same(target, Assert.Single(context.InputParameters).Value);
        Assert.Single(target.Attributes);
        Assert.Empty(context.OutputParameters);
        Assert.Empty(context.SharedVariables);
    }

    [Theory]
    [InlineData("Create", "contact", 40)]
    [InlineData("Update", "lead", 40)]
    [InlineData("Update", "contact", 20)]
    public void Execute_RegisteredForAnotherStep_FailsNamingBothRegistrations(string message, string table, int stage)
    {
        var (provider, context, _, _) = CreatePlatform();
        context.MessageName = message;
        context.PrimaryEntityName = table;
        context.Stage = stage;
        context.InputParameters["Target"] = new Entity(table, ContactId);

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => CreateSut().Execute(provider));

        Assert.Equal(ErrorMessages.WrongRegistration(nameof(ContactOnUpdatePostOperation), message, table, stage, "Update", "contact", 40), caught.Message);
    }

    [Fact]
    public void Execute_TargetMissing_FailsWithReadableMessage()
    {
        var (provider, _, _, _) = CreatePlatform();

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => CreateSut().Execute(provider));

        Assert.Equal(ErrorMessages.MissingTarget(nameof(ContactOnUpdatePostOperation)), caught.Message);
    }

    [Fact]
    public void Execute_TargetIsAReference_FailsWithReadableMessage()
    {
        var (provider, context, _, _) = CreatePlatform();
        context.InputParameters["Target"] = new EntityReference("contact", ContactId);

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => CreateSut().Execute(provider));

        Assert.Equal(ErrorMessages.MissingTarget(nameof(ContactOnUpdatePostOperation)), caught.Message);
    }

    private static ContactOnUpdatePostOperation CreateSut() => new();

    private static (FakeServiceProvider Provider, FakePluginExecutionContext Context, RecordingTracingService Tracing, RecordingOrganizationServiceFactory Factory) CreatePlatform()
    {
        var context = new FakePluginExecutionContext
        {
            MessageName = "Update",
            PrimaryEntityName = "contact",
            PrimaryEntityId = ContactId,
            Stage = 40,
            CorrelationId = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        };
        var tracing = new RecordingTracingService();
        var factory = new RecordingOrganizationServiceFactory();
        var provider = new FakeServiceProvider()
            .With<IPluginExecutionContext>(context)
            .With<ITracingService>(tracing)
            .With<IOrganizationServiceFactory>(factory);
        return (provider, context, tracing, factory);
    }
}
