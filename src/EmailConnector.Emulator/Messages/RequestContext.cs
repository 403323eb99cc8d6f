using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Storage;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Messages;

/// <summary>What a handler may use: the store operations, the caller, and inner requests through the pipeline.</summary>
internal sealed class RequestContext
{
    private readonly ExecutionEngine _engine;
    private readonly ServiceScope _scope;

    internal RequestContext(ExecutionEngine engine, ServiceScope scope, Caller caller)
    {
        _engine = engine;
        _scope = scope;
        Caller = caller;
    }

    public RecordOperations Records => _engine.Records;

    public DataStore Store => _engine.Store;

    public Caller Caller { get; }

    public Guid NewId() => _engine.NewId();

    public Guid OrganizationId => _engine.Options.OrganizationId;

    public TimeProvider Time => _engine.Options.TimeProvider;

    public int Depth => _scope.Depth;

    /// <summary>The context of the message being executed, parent of inner requests (set by the pipeline).</summary>
    internal IPluginExecutionContext? CurrentContext { get; set; }

    /// <summary>
    /// Runs an inner platform operation (Upsert's Create or Update, SetState's Update, a *Multiple item) through the
    /// pipeline at the same depth, inside the current transaction, so its own steps fire.
    /// </summary>
    public OrganizationResponse ExecuteInner(OrganizationRequest request) =>
        _engine.ExecutePipeline(request, _scope with { ParentContext = CurrentContext ?? _scope.ParentContext });

    /// <summary>Runs a request of a batch as a top-level request of its own (ExecuteMultiple, ExecuteTransaction).</summary>
    public OrganizationResponse ExecuteBatchItem(OrganizationRequest request) => _engine.ExecutePipeline(request, _scope);

    public int BeginTransaction() => _engine.BeginTransaction();

    public void Commit() => _engine.CommitTransaction();

    public void Rollback(int asyncMark) => _engine.RollbackTransaction(asyncMark);

    /// <summary>Runs a custom API's plugin as the main operation (stage 30) with the given context.</summary>
    public void RunMainOperation(PluginStep step, PluginExecutionContext context) =>
        _engine.RunStep(step, context.With(30, 0, true, context.SharedVariables, context.ParentContext,
            new EntityReference("plugintype", step.Id) { Name = step.PluginTypeName }, new(), new()));

    public static OrganizationRequest Clone(OrganizationRequest request) => ExecutionEngine.CloneRequest(request);

    public bool InTransaction => _engine.Store.InTransaction;
}
