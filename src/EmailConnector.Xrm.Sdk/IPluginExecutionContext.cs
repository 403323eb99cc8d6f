namespace Microsoft.Xrm.Sdk;

public interface IPluginExecutionContext : IExecutionContext
{
    int Stage { get; }

    IPluginExecutionContext ParentContext { get; }
}
