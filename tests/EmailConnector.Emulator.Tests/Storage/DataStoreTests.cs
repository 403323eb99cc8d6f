using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Storage;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Storage;

public class DataStoreTests
{
    private static readonly Caller Caller = new(Guid.Parse("00000000-0000-0000-0000-00000000c001"), Guid.Parse("00000000-0000-0000-0000-00000000b001"));
    private readonly DataStore _store = new(SystemCatalog.Create());
    private readonly RecordOperations _records;
    private int _next;

    public DataStoreTests()
    {
        _records = new RecordOperations(_store, TimeProvider.System, () => new Guid(++_next, 0, 0, new byte[8]));
        _records.Create(new Entity("businessunit", Caller.BusinessUnitId) { ["name"] = "root" }, Caller);
        _records.Create(new Entity("systemuser", Caller.UserId) { ["fullname"] = "u" }, Caller);
    }

    [Fact]
    public void Rollback_UndoesCreatesUpdatesAndDeletesInTheTransaction()
    {
        var kept = _records.Create(new Entity("contact") { ["lastname"] = "kept" }, Caller);
        var doomed = _records.Create(new Entity("contact") { ["lastname"] = "doomed" }, Caller);

        _store.BeginTransaction();
        _records.Create(new Entity("contact") { ["lastname"] = "new" }, Caller);
        _records.Update(new Entity("contact", kept) { ["lastname"] = "changed" }, Caller);
        _records.Delete(new EntityReference("contact", doomed));
        _store.Rollback();

        var table = _store.Table("contact");
        Assert.Equal(2, table.Count);
        Assert.Equal("kept", _records.TryRead("contact", kept, ["lastname"])!["lastname"]);
        Assert.NotNull(_records.TryRead("contact", doomed, null));
        Assert.False(_store.InTransaction);
    }

    [Fact]
    public void Commit_KeepsChanges_AndNoJournalOutsideTransactions()
    {
        _store.BeginTransaction();
        var id = _records.Create(new Entity("contact") { ["lastname"] = "x" }, Caller);
        _store.Commit();

        Assert.NotNull(_records.TryRead("contact", id, null));
        Assert.Throws<InvalidOperationException>(() => _store.Rollback());
    }

    [Fact]
    public void Restore_RebuildsIndexes()
    {
        var list = _records.Create(new Entity("list") { ["listname"] = "l", ["createdfromcode"] = new OptionSetValue(2) }, Caller);
        var snapshot = _store.Snapshot();
        var contact = _records.Create(new Entity("contact") { ["lastname"] = "x" }, Caller);
        _records.Create(new Entity("listmember") { ["listid"] = new EntityReference("list", list), ["entityid"] = new EntityReference("contact", contact) }, Caller);

        _store.Restore(snapshot);

        Assert.Empty(_store.GetTable("listmember").Seek("listid", list)!);
        Assert.Equal(0, _store.Table("contact").Count);
    }

    [Fact]
    public void Table_Unknown_FaultsWithTheName()
    {
        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => _store.Table("nosuchtable"));

        Assert.Contains("nosuchtable", fault.Detail.Message, StringComparison.Ordinal);
        Assert.False(_store.HasTable("nosuchtable"));
    }
}
