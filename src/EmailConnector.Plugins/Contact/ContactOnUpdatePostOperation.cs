using System;
using System.Linq;
using EmailConnector.Plugins.Infrastructure;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Contact;

/// <summary>
/// Update of contact, PostOperation (stage 40), synchronous. For now it only traces which columns the update touched;
/// queueing a sync request for relevant changes comes with the solution's steps.
/// </summary>
public sealed class ContactOnUpdatePostOperation : PluginBase
{
    public const string MessageName = "Update";
    public const string TableName = "contact";
    public const int Stage = 40;

    protected override void ExecuteStep(StepContext context)
    {
        var pluginContext = context.PluginContext;
        if (!string.Equals(pluginContext.MessageName, MessageName, StringComparison.Ordinal)
            || !string.Equals(pluginContext.PrimaryEntityName, TableName, StringComparison.Ordinal)
            || pluginContext.Stage != Stage)
        {
            throw new InvalidPluginExecutionException(ErrorMessages.WrongRegistration(context.StepName, pluginContext.MessageName,
                pluginContext.PrimaryEntityName, pluginContext.Stage, MessageName, TableName, Stage));
        }

        if (!pluginContext.InputParameters.TryGetValue("Target", out var value) || value is not Entity target)
            throw new InvalidPluginExecutionException(ErrorMessages.MissingTarget(context.StepName));

        // Names only: column values are personal data and must not reach the plug-in trace log.
        var columns = target.Attributes.Keys.OrderBy(name => name, StringComparer.Ordinal).ToList();
        context.Trace(columns.Count == 0
            ? "contact " + target.Id + ": no columns changed"
            : "contact " + target.Id + " changed columns: " + string.Join(", ", columns));
    }
}
