using EmailConnector.Emulator;
using EmailConnector.Emulator.CustomApis;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Dataverse.Tests.Support;

/// <summary>Custom APIs of the three shapes the client invokes: unbound action, bound function, bound action without response.</summary>
internal static class TestApis
{
    public static void Register(EmulatedOrganization organization)
    {
        organization.RegisterCustomApi(new CustomApiDefinition("ec_Repeat", CustomApiBindingType.Global, null, false)
        {
            RequestParameters =
            [
                new CustomApiField("Text", CustomApiFieldType.String, false, null),
                new CustomApiField("Count", CustomApiFieldType.Integer, true, null),
            ],
            ResponseProperties = [new CustomApiField("Result", CustomApiFieldType.String, false, null)],
        }, typeof(RepeatPlugin));
        organization.RegisterCustomApi(new CustomApiDefinition("ec_Greeting", CustomApiBindingType.Entity, "contact", true)
        {
            RequestParameters = [new CustomApiField("Prefix", CustomApiFieldType.String, true, null)],
            ResponseProperties = [new CustomApiField("Greeting", CustomApiFieldType.String, false, null)],
        }, typeof(GreetingPlugin));
        organization.RegisterCustomApi(new CustomApiDefinition("ec_Mark", CustomApiBindingType.Entity, "contact", false), typeof(MarkPlugin));
    }

    /// <summary>ec_Repeat: Text repeated Count times.</summary>
    public sealed class RepeatPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var count = context.InputParameters.TryGetValue("Count", out var c) && c is int n ? n : 1;
            context.OutputParameters["Result"] = string.Concat(Enumerable.Repeat((string)context.InputParameters["Text"], count));
        }
    }

    /// <summary>ec_Greeting (function bound to contact): Prefix + lastname.</summary>
    public sealed class GreetingPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            var target = (EntityReference)context.InputParameters["Target"];
            var contact = factory.CreateOrganizationService(context.UserId).Retrieve("contact", target.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("lastname"));
            var prefix = context.InputParameters.TryGetValue("Prefix", out var p) ? p as string : null;
            context.OutputParameters["Greeting"] = (prefix ?? "Hello ") + contact.GetAttributeValue<string>("lastname");
        }
    }

    /// <summary>ec_Mark (action bound to contact, no response): sets firstname to "Marked".</summary>
    public sealed class MarkPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            var target = (EntityReference)context.InputParameters["Target"];
            factory.CreateOrganizationService(context.UserId).Update(new Entity("contact", target.Id) { ["firstname"] = "Marked" });
        }
    }
}
