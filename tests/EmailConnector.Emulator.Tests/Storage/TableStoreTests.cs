using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.Storage;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Emulator.Tests.Storage;

public class TableStoreTests
{
    private readonly EmulatedOrganization _org = TestOrganization.Create();

    [Fact]
    public void ScanAndScanAfter_ReturnRowsInGuidOrder()
    {
        var service = _org.CreateService();
        var ids = new[] { "c0000000-0000-0000-0000-000000000000", "a0000000-0000-0000-0000-000000000000", "b0000000-0000-0000-0000-000000000000" }
            .Select(Guid.Parse).ToList();
        foreach (var id in ids)
            service.Create(new Entity("contact", id) { ["lastname"] = "x" });
        var table = _org.Store.GetTable("contact");

        var scanned = table.Scan().Select(r => r.Id).ToList();
        var after = table.ScanAfter(ids[1]).Select(r => r.Id).ToList();

        Assert.Equal(ids.Order(QueryRowOrder.Ids).ToList(), scanned);
        Assert.Equal([ids[2], ids[0]], after);
        Assert.Empty(table.ScanAfter(ids[0]));
    }

    [Fact]
    public void Seek_LookupColumn_ReturnsOnlyMatchingRowsThroughTheIndex()
    {
        var service = _org.CreateService();
        var listA = service.StaticList("a");
        var listB = service.StaticList("b");
        var contacts = Enumerable.Range(0, 5).Select(i => service.Contact("c" + i)).ToList();
        service.Execute(new Microsoft.Crm.Sdk.Messages.AddListMembersListRequest { ListId = listA, MemberIds = [.. contacts.Take(3)] });
        service.Execute(new Microsoft.Crm.Sdk.Messages.AddListMembersListRequest { ListId = listB, MemberIds = [.. contacts.Skip(3)] });
        var members = _org.Store.GetTable("listmember");

        var inA = members.Seek("listid", new EntityReference("list", listA))!.ToList();

        Assert.Equal(3, inA.Count);
        Assert.All(inA, r => Assert.Equal(listA, ((EntityReference)r["listid"]!).Id));
        Assert.Equal(inA.Select(r => r.Id).Order(QueryRowOrder.Ids), inA.Select(r => r.Id));
        Assert.Null(members.Seek("name", "x"));
        Assert.Single(members.Seek("entityid", contacts[4])!);
    }

    [Fact]
    public void SeekOrdered_ListMembers_GivesDistinctMemberIdsInKeysetOrderFromAnyPoint()
    {
        var service = _org.CreateService();
        var list = service.StaticList("a");
        var other = service.StaticList("b");
        var contacts = Enumerable.Range(0, 600).Select(i => service.Contact("c" + i)).ToList();
        service.Execute(new Microsoft.Crm.Sdk.Messages.AddListMembersListRequest { ListId = list, MemberIds = [.. contacts.Where((_, i) => i % 2 == 0)] });
        service.Execute(new Microsoft.Crm.Sdk.Messages.AddListMembersListRequest { ListId = other, MemberIds = [.. contacts.Take(5)] });

        // A plain Create can add the same contact twice: both rows stay, the value is listed once.
        service.Create(new Entity("listmember") { ["listid"] = new EntityReference("list", list), ["entityid"] = new EntityReference("contact", contacts[0]) });
        var members = _org.Store.GetTable("listmember");

        var ordered = members.SeekOrdered("listid", new EntityReference("list", list), "entityid")!;
        var expected = contacts.Where((_, i) => i % 2 == 0).Order(QueryRowOrder.Ids).ToList();

        Assert.Equal(301, ordered.RowCount);
        Assert.Equal(expected, ordered.From(null));
        Assert.Equal(expected.Skip(100), ordered.From(expected[100]));
        Assert.Equal(expected.Skip(101), ordered.From(contacts[201]));
        Assert.Empty(members.SeekOrdered("listid", Guid.NewGuid(), "entityid")!.From(null));
    }

    [Fact]
    public void SeekOrdered_AfterCreateDeleteRollbackAndRestore_FollowsTheRows()
    {
        var service = _org.CreateService();
        var list = service.StaticList("a");
        var first = service.Contact("first");
        service.Execute(new Microsoft.Crm.Sdk.Messages.AddMemberListRequest { ListId = list, EntityId = first });
        var members = _org.Store.GetTable("listmember");
        Assert.Equal([first], members.SeekOrdered("listid", list, "entityid")!.From(null));
        var snapshot = _org.Snapshot();

        var second = service.Contact("second");
        service.Execute(new Microsoft.Crm.Sdk.Messages.AddMemberListRequest { ListId = list, EntityId = second });
        Assert.Equal(new[] { first, second }.Order(QueryRowOrder.Ids), members.SeekOrdered("listid", list, "entityid")!.From(null));

        service.Execute(new Microsoft.Crm.Sdk.Messages.RemoveMemberListRequest { ListId = list, EntityId = first });
        Assert.Equal([second], members.SeekOrdered("listid", list, "entityid")!.From(null));

        var third = service.Contact("third");
        Assert.ThrowsAny<Exception>(() => service.Execute(new ExecuteTransactionRequest
        {
            Requests =
            [
                new Microsoft.Crm.Sdk.Messages.AddMemberListRequest { ListId = list, EntityId = third },
                new Microsoft.Crm.Sdk.Messages.AddMemberListRequest { ListId = list, EntityId = Guid.NewGuid() },
            ],
        }));
        Assert.Equal([second], members.SeekOrdered("listid", list, "entityid")!.From(null));

        _org.Restore(snapshot);
        Assert.Equal([first], members.SeekOrdered("listid", list, "entityid")!.From(null));
    }

    [Fact]
    public void SeekOrdered_UnindexedKeyOrNonGuidValue_IsNotServed()
    {
        var members = _org.Store.GetTable("listmember");

        Assert.Null(members.SeekOrdered("entitytype", 2, "entityid"));
        Assert.Null(members.SeekOrdered("listid", Guid.NewGuid(), "entitytype"));
        Assert.Null(members.SeekOrdered("nosuchcolumn", Guid.NewGuid(), "entityid"));
    }

    [Fact]
    public void Row_Values_AreSdkTypedAndFresh()
    {
        var service = _org.CreateService();
        var id = service.Create(new Entity("contact") { ["lastname"] = "x", ["preferredcontactmethodcode"] = new OptionSetValue(2) });
        var row = _org.Store.GetTable("contact").Find(id)!;

        var first = (OptionSetValue)row["preferredcontactmethodcode"]!;
        first.Value = 5;

        Assert.Equal(2, ((OptionSetValue)row["preferredcontactmethodcode"]!).Value);
        Assert.Equal(ColumnType.Owner, _org.Store.GetTable("contact").GetColumnType("ownerid"));
        Assert.Equal(["account", "contact"], _org.Store.GetTable("contact").GetLookupTargets("parentcustomerid"));
        Assert.DoesNotContain(row.Values, v => v.Value is null);
        Assert.Equal(2, row.GetScalar("preferredcontactmethodcode"));
        Assert.Equal(_org.Options.DefaultUserId, row.GetScalar("ownerid"));
        Assert.Equal("x", row.GetScalar("lastname"));
        Assert.Null(row.GetScalar("firstname"));
    }

    [Fact]
    public void GetColumnType_PartyListColumn_IsRefusedNamingTheColumn()
    {
        var exception = Assert.Throws<NotSupportedException>(() => _org.Store.GetTable("email").GetColumnType("to"));

        Assert.Contains("email.to", exception.Message);
    }

    [Fact]
    public void GetColumnType_UnknownColumn_FaultsLikeDataverse()
    {
        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => _org.Store.GetTable("contact").GetColumnType("nope"));

        Assert.Equal(unchecked((int)0x80041103), fault.Detail.ErrorCode);
    }
}
