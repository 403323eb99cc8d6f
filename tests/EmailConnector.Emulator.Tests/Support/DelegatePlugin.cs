using EmailConnector.Emulator.Pipeline;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Support;

/// <summary>A plugin whose body is the test's lambda, given the context, a service for the context's user, and tracing.</summary>
internal sealed class DelegatePlugin(Action<IPluginExecutionContext, IOrganizationService, ITracingService> body) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        body(context, factory.CreateOrganizationService(context.UserId), tracing);
    }

    public static PluginStep Step(
        string message, string? table, PipelineStage stage, Action<IPluginExecutionContext, IOrganizationService, ITracingService> body, string name = "test step") =>
        new(message, table, stage, (_, _) => new DelegatePlugin(body)) { Name = name, PluginTypeName = name };
}

/// <summary>A plugin type found by name, as a solution's steps name it; it traces its configuration.</summary>
public sealed class ConfiguredPlugin(string unsecure, string secure) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        tracing.Trace("{0}|{1}|{2}|{3}|{4}", unsecure ?? "null", secure ?? "null", context.MessageName, context.Stage, context.PreEntityImages.Count);
    }
}

/// <summary>A custom API main operation: echoes its input and counts characters.</summary>
public sealed class EchoApiPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var text = (string)context.InputParameters["Text"];
        context.OutputParameters["Echo"] = text;
        context.OutputParameters["Length"] = text.Length;
    }
}

/// <summary>A custom API main operation that forgets its response property.</summary>
public sealed class ForgetfulApiPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
    }
}
