using System.Reflection;
using System.ServiceModel;
using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.Diagnostics;
using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Messages;
using EmailConnector.Emulator.Storage;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Pipeline;

/// <summary>
/// Runs every request through the event pipeline of emulator.md §2.5: stage 10, the transaction (undo journal),
/// stage 20, the core operation, stage 40, commit, then asynchronous steps. One lock is held per top-level request,
/// so the organization can be called from several threads; nested requests from plugins run on the same thread.
/// </summary>
internal sealed class ExecutionEngine
{
    private static readonly HashSet<string> SplitSharedVariables = new(StringComparer.Ordinal) { "Create", "Update", "Delete" };
    private static readonly HashSet<string> PreImageMessages = new(StringComparer.Ordinal) { "Update", "Delete", "SetState", "SetStateDynamicEntity" };
    private static readonly HashSet<string> PostImageMessages = new(StringComparer.Ordinal) { "Create", "Update", "SetState", "SetStateDynamicEntity" };

    private readonly object _gate = new();
    private readonly Dictionary<string, MessageHandler> _handlers = new(StringComparer.Ordinal);
    private readonly List<(PluginStep Step, PluginExecutionContext Context)> _pendingAsync = [];
    private bool _executing;
    private bool _draining;

    public ExecutionEngine(EmulatorOptions options, DataStore store, PluginRegistry registry, CustomApiRegistry customApis, Func<Guid> newId)
    {
        Options = options;
        Store = store;
        Registry = registry;
        CustomApis = customApis;
        NewId = newId;
        Records = new RecordOperations(store, options.TimeProvider, newId);
        Log = new EmulatorLog(options.RequestLogCapacity);
        foreach (var handler in BuiltInMessages.All())
            _handlers[handler.RequestName] = handler;
    }

    public EmulatorOptions Options { get; }

    public DataStore Store { get; }

    public RecordOperations Records { get; }

    public PluginRegistry Registry { get; }

    public CustomApiRegistry CustomApis { get; }

    public Func<Guid> NewId { get; }

    public EmulatorLog Log { get; }

    public ServiceEndpointNotifications Notifications { get; } = new();

    public object Gate => _gate;

    public int PendingAsyncCount
    {
        get
        {
            lock (_gate)
                return _pendingAsync.Count;
        }
    }

    /// <summary>The entry of every service call: clone at the boundary, run, log, then asynchronous steps.</summary>
    public OrganizationResponse Execute(OrganizationRequest request, ServiceScope scope)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var outermost = !_executing;
            _executing = true;
            var clone = CloneRequest(request);
            var logged = Options.RecordRequests ? CloneRequest(request).Parameters : null;
            try
            {
                var response = ExecutePipeline(clone, scope);
                if (logged is not null)
                    Log.Add(new RequestLogEntry(request.RequestName, scope.Depth, scope.UserId, logged, null));
                if (outermost && Options.RunAsyncStepsAfterCommit)
                    DrainAsync();
                return response;
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                if (logged is not null)
                    Log.Add(new RequestLogEntry(request.RequestName, scope.Depth, scope.UserId, logged, fault.Detail));
                throw;
            }
            finally
            {
                if (outermost)
                    _executing = false;
            }
        }
    }

    /// <summary>Runs queued asynchronous steps, in order, each outside any transaction; failures are logged only.</summary>
    public void DrainAsync()
    {
        lock (_gate)
        {
            if (_draining)
                return;
            _draining = true;
            var wasExecuting = _executing;
            _executing = true;
            try
            {
                while (_pendingAsync.Count > 0)
                {
                    var (step, context) = _pendingAsync[0];
                    _pendingAsync.RemoveAt(0);
                    try
                    {
                        RunStep(step, context);
                    }
                    catch (Exception exception) when (exception is FaultException<OrganizationServiceFault> or NotSupportedException)
                    {
                        // Recorded in the step log by RunStep; an async failure never reaches the caller.
                    }
                }
            }
            finally
            {
                _draining = false;
                _executing = wasExecuting;
            }
        }
    }

    public void ClearPendingAsync()
    {
        lock (_gate)
            _pendingAsync.Clear();
    }

    /// <summary>Opens a transaction and returns the async-queue mark to roll back to.</summary>
    internal int BeginTransaction()
    {
        Store.BeginTransaction();
        return _pendingAsync.Count;
    }

    internal void CommitTransaction() => Store.Commit();

    internal void RollbackTransaction(int asyncMark)
    {
        Store.Rollback();
        _pendingAsync.RemoveRange(asyncMark, _pendingAsync.Count - asyncMark);
    }

    internal OrganizationResponse ExecutePipeline(OrganizationRequest request, ServiceScope scope)
    {
        var handler = ResolveHandler(request);
        var context = new RequestContext(this, scope, CallerFor(scope.UserId));
        if (handler.IsBatch)
        {
            if (scope.ParentContext is not null || Store.InTransaction)
                throw new NotSupportedException($"{request.RequestName} inside a plugin or a transaction is not emulated (plugins must not use it).");
            return handler.Execute(context, request, new MessageInfo(request.RequestName, "none", Guid.Empty));
        }
        if (scope.Depth > Options.MaxDepth)
            throw OrganizationFaults.InfiniteLoop();

        var info = handler.Describe(context, request);
        var now = Options.TimeProvider.GetUtcNow().UtcDateTime;
        var baseContext = new PluginExecutionContext
        {
            Depth = scope.Depth,
            MessageName = info.PipelineMessage,
            PrimaryEntityName = info.PrimaryEntityName,
            PrimaryEntityId = info.PrimaryEntityId,
            RequestId = request.RequestId,
            InputParameters = request.Parameters,
            OutputParameters = new ParameterCollection(),
            UserId = scope.UserId,
            InitiatingUserId = scope.InitiatingUserId,
            BusinessUnitId = context.Caller.BusinessUnitId,
            OrganizationId = Options.OrganizationId,
            OrganizationName = Options.OrganizationName,
            CorrelationId = scope.CorrelationId ?? NewId(),
            OperationCreatedOn = DateTime.SpecifyKind(now, DateTimeKind.Utc),
            ParentContext = scope.ParentContext,
        };
        var split = SplitSharedVariables.Contains(info.PipelineMessage);
        var preValidationShared = new ParameterCollection();
        if (request.Parameters.TryGetValue("tag", out var tag) && tag is not null)
            preValidationShared["tag"] = tag;

        var stage10 = Registry.Find(info.PipelineMessage, info.PrimaryEntityName, PipelineStage.PreValidation, StepMode.Synchronous);
        // OutputParameters are filled only from stage 40 on (and by a custom API at 30): earlier stages get their own empty collection.
        var preValidationContext = baseContext.With(10, 0, Store.InTransaction, preValidationShared, scope.ParentContext, null, new(), new(), outputParameters: new ParameterCollection());
        if (stage10.Count > 0)
        {
            var pre = PreImagesWanted(info) ? ReadImageSource(info) : null;
            RunStage(stage10, preValidationContext, pre, null);
        }

        var opened = !Store.InTransaction;
        var asyncMark = _pendingAsync.Count;
        if (opened)
            Store.BeginTransaction();
        try
        {
            var shared = split ? new ParameterCollection() : preValidationShared;
            var parent = split ? preValidationContext : scope.ParentContext;
            var preSource = PreImagesWanted(info) ? ReadImageSource(info) : null;
            var stageContext = baseContext.With(20, 0, true, shared, parent, null, new(), new(), outputParameters: new ParameterCollection());
            RunStage(Registry.Find(info.PipelineMessage, info.PrimaryEntityName, PipelineStage.PreOperation, StepMode.Synchronous), stageContext, preSource, null);

            var mainContext = baseContext.With(30, 0, true, shared, parent, null, new(), new());
            context.CurrentContext = mainContext;
            var response = handler.Execute(context, request, info);
            foreach (var (key, value) in response.Results)
                baseContext.OutputParameters[OutputKey(key)] = value;
            if (info.PipelineMessage == "Create" && response.Results.TryGetValue("id", out var createdId) && createdId is Guid id)
            {
                info.ImageId = id;
                baseContext.PrimaryEntityId = id;
            }

            var postSync = Registry.Find(info.PipelineMessage, info.PrimaryEntityName, PipelineStage.PostOperation, StepMode.Synchronous);
            var postAsync = Registry.Find(info.PipelineMessage, info.PrimaryEntityName, PipelineStage.PostOperation, StepMode.Asynchronous);
            if (postSync.Count > 0 || postAsync.Count > 0)
            {
                var postSource = PostImageMessages.Contains(info.PipelineMessage) ? ReadImageSource(info) : null;
                var postContext = baseContext.With(40, 0, true, shared, parent, null, new(), new());
                RunStage(postSync, postContext, preSource, postSource);
                foreach (var step in postAsync)
                {
                    if (!FiltersMatch(step, postContext))
                        continue;
                    var asyncContext = baseContext.With(
                        40, 1, false, CloneParameters(shared), parent, StepReference(step), Images(step, preSource, null, true), Images(step, null, postSource, false),
                        CloneParameters(request.Parameters), CloneParameters(baseContext.OutputParameters));
                    _pendingAsync.Add((step, WithOperation(asyncContext)));
                }
            }
            if (opened)
                Store.Commit();
            return response;
        }
        catch
        {
            if (opened)
            {
                Store.Rollback();
                _pendingAsync.RemoveRange(asyncMark, _pendingAsync.Count - asyncMark);
            }
            throw;
        }
    }

    internal void RunStep(PluginStep step, PluginExecutionContext context)
    {
        var provider = new PluginServiceProvider(this, context, step.Name);
        try
        {
            step.Plugin.Execute(provider);
            Log.Add(Execution(step, context, StepOutcome.Succeeded, null));
        }
        catch (Exception exception)
        {
            var translated = Translate(exception);
            Log.Add(Execution(step, context, StepOutcome.Failed, translated.Message));
            if (ReferenceEquals(translated, exception))
                throw;
            throw translated;
        }
    }

    internal static OrganizationRequest CloneRequest(OrganizationRequest request)
    {
        var clone = new OrganizationRequest(request.RequestName) { RequestId = request.RequestId };
        foreach (var (key, value) in request.Parameters)
            clone.Parameters[key] = CloneParameter(value);
        return clone;
    }

    private static object? CloneParameter(object? value) => value switch
    {
        OrganizationRequestCollection requests => CloneRequests(requests),
        _ => ValueConverter.CloneSdk(value),
    };

    private static OrganizationRequestCollection CloneRequests(OrganizationRequestCollection requests)
    {
        var clone = new OrganizationRequestCollection();
        foreach (var request in requests)
            clone.Add(request is null ? null! : CloneRequest(request));
        return clone;
    }

    private static ParameterCollection CloneParameters(ParameterCollection source)
    {
        var copy = new ParameterCollection();
        foreach (var (key, value) in source)
            copy[key] = CloneParameter(value);
        return copy;
    }

    private MessageHandler ResolveHandler(OrganizationRequest request)
    {
        if (string.IsNullOrEmpty(request.RequestName))
            throw new NotSupportedException("A request without a RequestName cannot be executed.");
        if (_handlers.TryGetValue(request.RequestName, out var handler))
            return handler;
        return CustomApis.Find(request.RequestName)
            ?? throw new NotSupportedException($"The message '{request.RequestName}' is not emulated.");
    }

    private Caller CallerFor(Guid userId)
    {
        var users = Store.Table("systemuser");
        var row = users.Get(userId) ?? throw OrganizationFaults.NotFound("systemuser", userId);
        return new Caller(userId, row[users.SlotOf("businessunitid")!.Value] is LookupValue bu ? bu.Id : Options.BusinessUnitId);
    }

    private void RunStage(IReadOnlyList<PluginStep> steps, PluginExecutionContext stageContext, Entity? preSource, Entity? postSource)
    {
        foreach (var step in steps)
        {
            // Evaluated when the step is about to run, so a stage-20 change to Target can make a later step fire.
            if (!FiltersMatch(step, stageContext))
                continue;
            var context = stageContext.With(
                stageContext.Stage, 0, stageContext.IsInTransaction, stageContext.SharedVariables, stageContext.ParentContext, StepReference(step),
                Images(step, preSource, null, true), Images(step, null, postSource, false));
            RunStep(step, context);
        }
    }

    private static bool FiltersMatch(PluginStep step, PluginExecutionContext context) =>
        step.FilteringAttributes.Count == 0
        || context.InputParameters.TryGetValue("Target", out var target) && target is Entity entity && step.FilteringAttributes.Any(entity.Attributes.ContainsKey);

    private static EntityImageCollection Images(PluginStep step, Entity? preSource, Entity? postSource, bool pre)
    {
        var images = new EntityImageCollection();
        foreach (var image in step.Images)
        {
            var source = pre ? (image.IsPre ? preSource : null) : (image.IsPost ? postSource : null);
            if (source is null)
                continue;
            var projected = new Entity(source.LogicalName, source.Id) { RowVersion = source.RowVersion };
            foreach (var (key, value) in source.Attributes)
            {
                if (value is not null && (image.Attributes is null || image.Attributes.Contains(key)))
                    projected.Attributes[key] = ValueConverter.CloneSdk(value);
            }
            images[image.EntityAlias] = projected;
        }
        return images;
    }

    private static bool PreImagesWanted(MessageInfo info) => PreImageMessages.Contains(info.PipelineMessage) && info.ImageTable is not null;

    private Entity? ReadImageSource(MessageInfo info) =>
        info.ImageTable is null || info.ImageId == Guid.Empty ? null : Records.TryRead(info.ImageTable, info.ImageId, null);

    private PluginExecutionContext WithOperation(PluginExecutionContext context) => new()
    {
        Mode = context.Mode, Depth = context.Depth, MessageName = context.MessageName, PrimaryEntityName = context.PrimaryEntityName,
        RequestId = context.RequestId, InputParameters = context.InputParameters, OutputParameters = context.OutputParameters,
        SharedVariables = context.SharedVariables, UserId = context.UserId, InitiatingUserId = context.InitiatingUserId,
        BusinessUnitId = context.BusinessUnitId, OrganizationId = context.OrganizationId, OrganizationName = context.OrganizationName,
        PrimaryEntityId = context.PrimaryEntityId, PreEntityImages = context.PreEntityImages, PostEntityImages = context.PostEntityImages,
        OwningExtension = context.OwningExtension, CorrelationId = context.CorrelationId, IsInTransaction = false,
        OperationId = NewId(), OperationCreatedOn = context.OperationCreatedOn, Stage = context.Stage, ParentContext = context.ParentContext,
    };

    private static EntityReference StepReference(PluginStep step) => new("sdkmessageprocessingstep", step.Id) { Name = step.Name };

    private static string OutputKey(string key) => key switch
    {
        "Entity" => "BusinessEntity",
        "EntityCollection" => "BusinessEntityCollection",
        _ => key,
    };

    private static StepExecution Execution(PluginStep step, PluginExecutionContext context, StepOutcome outcome, string? error) =>
        new(step.Name, step.PluginTypeName, context.MessageName, context.PrimaryEntityName, (PipelineStage)context.Stage,
            (StepMode)context.Mode, context.Depth, context.PrimaryEntityId, outcome, error);

    // The caller sees InvalidPluginExecutionException's message unchanged, a nested fault as it was, and any other
    // exception as IsvUnExpected; reflection wrappers are removed first. The emulator's own NotSupportedException
    // passes through so an unsupported feature is never disguised as a plugin error.
    private static Exception Translate(Exception exception)
    {
        while (exception is TargetInvocationException or AggregateException { InnerExceptions.Count: 1 } && exception.InnerException is not null)
            exception = exception.InnerException;
        return exception switch
        {
            InvalidPluginExecutionException plugin => OrganizationFaults.PluginFailed(plugin),
            FaultException<OrganizationServiceFault> => exception,
            NotSupportedException => exception,
            _ => WithTrace(OrganizationFaults.PluginUnexpected(), exception),
        };
    }

    private static FaultException<OrganizationServiceFault> WithTrace(FaultException<OrganizationServiceFault> fault, Exception cause)
    {
        fault.Detail.TraceText = cause.ToString();
        return fault;
    }
}
