using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.Diagnostics;
using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator;

/// <summary>
/// One emulated Dataverse organization: the catalog (system tables plus the solution), the store, the plugin pipeline,
/// custom APIs and the logs. Services it hands out run every call through the same pipeline; it is safe to call from
/// several threads (one request at a time).
/// </summary>
public sealed class EmulatedOrganization
{
    private readonly ExecutionEngine _engine;
    private long _idCounter;

    public EmulatedOrganization(EmulatorOptions? options = null)
    {
        Options = options ?? new EmulatorOptions();
        Catalog = SystemCatalog.Create();
        Solution = Options.SolutionFolder is null
            ? SolutionDefinition.Empty
            : SolutionReader.Read(Options.SolutionFolder, Catalog, Options.SolutionReaderOptions);
        Store = new DataStore(Catalog);
        Plugins = new PluginRegistry();
        CustomApis = new CustomApiRegistry();
        _engine = new ExecutionEngine(Options, Store, Plugins, CustomApis, Options.IdSource ?? NextSequentialId);
        RegisterSolutionComponents();
        Seed();
    }

    public EmulatorOptions Options { get; }

    public MetadataCatalog Catalog { get; }

    public SolutionDefinition Solution { get; }

    public DataStore Store { get; }

    public PluginRegistry Plugins { get; }

    public CustomApiRegistry CustomApis { get; }

    public EmulatorLog Log => _engine.Log;

    public ServiceEndpointNotifications Notifications => _engine.Notifications;

    public int PendingAsyncCount => _engine.PendingAsyncCount;

    /// <summary>A service calling as the user (null: <see cref="EmulatorOptions.DefaultUserId"/>).</summary>
    public IOrganizationService CreateService(Guid? userId = null)
    {
        var user = userId ?? Options.DefaultUserId;
        return new OrganizationService(_engine, new ServiceScope(user, user, 1, null, null));
    }

    public OrganizationResponse Execute(OrganizationRequest request, Guid? userId = null) => CreateService(userId).Execute(request);

    public PluginStep RegisterStep(PluginStep step) => Plugins.Register(step);

    /// <summary>Registers a custom API whose main operation is the plugin type (null: an API that only raises events).</summary>
    public void RegisterCustomApi(CustomApiDefinition definition, Type? pluginType, string? unsecureConfiguration = null) =>
        CustomApis.Register(definition, pluginType is null ? null : MainOperation(definition, pluginType, unsecureConfiguration));

    /// <summary>Runs queued asynchronous steps now (when RunAsyncStepsAfterCommit is off).</summary>
    public void RunPendingAsync() => _engine.DrainAsync();

    /// <summary>Runs one plugin with a hand-made context, the usual unit-level test, with the same services as the pipeline.</summary>
    public void RunPlugin(IPlugin plugin, PluginExecutionContext context)
    {
        var step = new PluginStep(context.MessageName, context.PrimaryEntityName, (PipelineStage)context.Stage, (_, _) => plugin)
        {
            Name = plugin.GetType().FullName + " (direct)", PluginTypeName = plugin.GetType().FullName ?? string.Empty,
        };
        lock (_engine.Gate)
            _engine.RunStep(step, context);
    }

    /// <summary>Empties every table (then re-creates the organization, business unit and users), the logs and the async queue.</summary>
    public void Reset()
    {
        lock (_engine.Gate)
        {
            Store.Clear();
            _engine.ClearPendingAsync();
            Log.Clear();
            Notifications.Clear();
            Seed();
        }
    }

    public StoreSnapshot Snapshot()
    {
        lock (_engine.Gate)
            return Store.Snapshot();
    }

    public void Restore(StoreSnapshot snapshot)
    {
        lock (_engine.Gate)
        {
            Store.Restore(snapshot);
            _engine.ClearPendingAsync();
        }
    }

    /// <summary>Adds an enabled user in the root business unit, for tests that act as several users.</summary>
    public Guid AddUser(string fullName, Guid? id = null)
    {
        lock (_engine.Gate)
        {
            var userId = id ?? _engine.NewId();
            _engine.Records.Create(
                new Entity("systemuser", userId) { ["fullname"] = fullName, ["businessunitid"] = new EntityReference("businessunit", Options.BusinessUnitId) },
                new Caller(Options.SystemUserId, Options.BusinessUnitId));
            return userId;
        }
    }

    /// <summary>The stored row with every column, outside any pipeline (test assertions); null when absent.</summary>
    public Entity? Read(string table, Guid id)
    {
        lock (_engine.Gate)
            return _engine.Records.TryRead(table, id, null);
    }

    /// <summary>Every row of a table, in id order, outside any pipeline (test assertions).</summary>
    public IReadOnlyList<Entity> Rows(string table)
    {
        lock (_engine.Gate)
        {
            var store = Store.Table(table);
            return store.Ids.Select(id => _engine.Records.TryRead(table, id, null)!).ToList();
        }
    }

    private Guid NextSequentialId()
    {
        var n = Interlocked.Increment(ref _idCounter);
        return new Guid(0, 0, 1, BitConverter.GetBytes(n).Take(8).Reverse().ToArray());
    }

    private void Seed()
    {
        var system = new Caller(Options.SystemUserId, Options.BusinessUnitId);
        var records = _engine.Records;
        records.Create(new Entity("businessunit", Options.BusinessUnitId) { ["name"] = Options.OrganizationName }, system);
        records.Create(new Entity("systemuser", Options.SystemUserId)
        {
            ["fullname"] = "SYSTEM", ["businessunitid"] = new EntityReference("businessunit", Options.BusinessUnitId),
        }, system);
        if (Options.DefaultUserId != Options.SystemUserId)
        {
            records.Create(new Entity("systemuser", Options.DefaultUserId)
            {
                ["fullname"] = "Emulator User", ["businessunitid"] = new EntityReference("businessunit", Options.BusinessUnitId),
            }, system);
        }
        records.Create(new Entity("organization", Options.OrganizationId) { ["name"] = Options.OrganizationName }, system);
    }

    private void RegisterSolutionComponents()
    {
        var needsTypes = Solution.Steps.Count > 0 || Solution.CustomApis.Any(a => a.PluginTypeId is not null);
        if (needsTypes && Options.PluginTypeResolver is null && !Options.SkipSolutionPlugins)
        {
            throw new InvalidOperationException(
                "The solution registers plugin steps or custom API plugins: pass EmulatorOptions.PluginTypeResolver (e.g. PluginRegistry.TypesIn(assembly)) or set SkipSolutionPlugins.");
        }
        if (Options.SkipSolutionPlugins || Options.PluginTypeResolver is null)
        {
            foreach (var api in Solution.CustomApis)
                CustomApis.Register(api, null);
            return;
        }
        Plugins.RegisterSolution(Solution, Options.PluginTypeResolver, Options.SecureConfigurations);
        foreach (var api in Solution.CustomApis)
        {
            PluginStep? main = null;
            if (api.PluginTypeId is { } typeId)
            {
                var pluginType = Solution.PluginTypes.FirstOrDefault(t => t.PluginTypeId == typeId)
                    ?? throw new InvalidOperationException($"Custom API '{api.UniqueName}' names plugin type {typeId}, which no PluginAssembly of the solution declares.");
                var type = Options.PluginTypeResolver(pluginType.TypeName)
                    ?? throw new InvalidOperationException($"Custom API '{api.UniqueName}' needs plugin type '{pluginType.TypeName}', which is not in the given plugin assemblies.");
                main = MainOperation(api, type, null);
            }
            CustomApis.Register(api, main);
        }
    }

    private static PluginStep MainOperation(CustomApiDefinition definition, Type pluginType, string? unsecure) =>
        new(definition.UniqueName, definition.BoundEntityLogicalName, PipelineStage.MainOperation, (u, s) => PluginActivator.Create(pluginType, u, s))
        {
            Name = $"{pluginType.FullName}: {definition.UniqueName} (main operation)",
            PluginTypeName = pluginType.FullName ?? pluginType.Name,
            UnsecureConfiguration = unsecure,
        };
}
