using System.ServiceModel;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Messages;

public class CrudMessagesTests
{
    private readonly ManualClock _clock = new(TestOrganization.Start);
    private readonly EmulatedOrganization _org;
    private readonly IOrganizationService _service;

    public CrudMessagesTests()
    {
        _org = TestOrganization.Create(_clock);
        _service = _org.CreateService();
    }

    [Fact]
    public void Create_NewContact_GetsDefaultsAndSystemColumns()
    {
        var id = _service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Lovelace" });

        var row = _service.Retrieve("contact", id, new ColumnSet(true));
        Assert.Equal(id, row.Id);
        Assert.Equal(id, row["contactid"]);
        Assert.Equal("Ada Lovelace", row["fullname"]);
        Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.Equal(_org.Options.DefaultUserId, row.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.Equal("Emulator User", row.GetAttributeValue<EntityReference>("ownerid").Name);
        Assert.Equal(TestOrganization.Start.UtcDateTime, row["createdon"]);
        Assert.Equal(DateTimeKind.Utc, row.GetAttributeValue<DateTime>("createdon").Kind);
        Assert.Equal(row.RowVersion, row.GetAttributeValue<long>("versionnumber").ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(row.Contains("emailaddress1"));
    }

    [Fact]
    public void Create_CallerSuppliedId_IsKept()
    {
        var id = Guid.Parse("11111111-2222-3333-4444-555555555555");

        Assert.Equal(id, _service.Create(new Entity("contact", id) { ["lastname"] = "x" }));
        var duplicate = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Create(new Entity("contact", id) { ["lastname"] = "y" }));
        Assert.Equal(unchecked((int)0x80040237), duplicate.Detail.ErrorCode);
    }

    [Fact]
    public void Create_UnknownColumn_FaultsWithDataverseCode()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Create(new Entity("contact") { ["nosuchcolumn"] = "x" }));

        Assert.Equal(unchecked((int)0x80041103), fault.Detail.ErrorCode);
        Assert.Contains("'contact' entity doesn't contain attribute with Name = 'nosuchcolumn'", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UpperCaseColumnName_IsUnknown()
    {
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Create(new Entity("contact") { ["LastName"] = "x" }));
    }

    [Fact]
    public void Create_UnknownTable_Faults()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Create(new Entity("opportunity")));

        Assert.Contains("opportunity", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WrongClrType_Faults()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _service.Create(new Entity("contact") { ["lastname"] = "x", ["preferredcontactmethodcode"] = 2 }));

        Assert.Contains("System.Int32", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_StringLongerThanMaxLength_Faults()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Create(new Entity("contact") { ["lastname"] = new string('x', 51) }));

        Assert.Equal(unchecked((int)0x80044331), fault.Detail.ErrorCode);
    }

    [Fact]
    public void Create_ChoiceValueOutsideOptions_Faults()
    {
        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _service.Create(new Entity("contact") { ["lastname"] = "x", ["preferredcontactmethodcode"] = new OptionSetValue(99) }));
    }

    [Fact]
    public void Create_LookupToMissingRow_FaultsNotFound()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _service.Create(new Entity("contact") { ["lastname"] = "x", ["parentcustomerid"] = new EntityReference("account", Guid.NewGuid()) }));

        Assert.Equal(unchecked((int)0x80040217), fault.Detail.ErrorCode);
    }

    [Fact]
    public void Retrieve_ColumnSet_ReturnsOnlyRequestedColumnsAndTheId()
    {
        var id = _service.Contact("Lovelace", "ada@example.com");

        var row = _service.Retrieve("contact", id, new ColumnSet("emailaddress1", "firstname"));

        Assert.Equal(["emailaddress1", "contactid"], row.Attributes.Keys.ToArray());
    }

    [Fact]
    public void Retrieve_Missing_FaultsWithObjectDoesNotExist()
    {
        var id = Guid.NewGuid();

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Retrieve("contact", id, new ColumnSet(true)));

        Assert.Equal(unchecked((int)0x80040217), fault.Detail.ErrorCode);
        Assert.Equal($"contact With Id = {id} Does Not Exist", fault.Detail.Message);
    }

    [Fact]
    public void Update_MergesSuppliedColumns_AndNullClears()
    {
        var id = _service.Contact("Lovelace", "ada@example.com");
        var before = _service.Retrieve("contact", id, new ColumnSet(true));
        _clock.Advance(TimeSpan.FromMinutes(5));

        _service.Update(new Entity("contact", id) { ["firstname"] = "Ada", ["emailaddress1"] = null });

        var after = _service.Retrieve("contact", id, new ColumnSet(true));
        Assert.Equal("Ada", after["firstname"]);
        Assert.Equal("Lovelace", after["lastname"]);
        Assert.False(after.Contains("emailaddress1"));
        Assert.Equal(TestOrganization.Start.UtcDateTime.AddMinutes(5), after["modifiedon"]);
        Assert.Equal(before["createdon"], after["createdon"]);
        Assert.True(after.GetAttributeValue<long>("versionnumber") > before.GetAttributeValue<long>("versionnumber"));
    }

    [Fact]
    public void Update_Missing_FaultsAndDoesNotCreate()
    {
        var id = Guid.NewGuid();

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Update(new Entity("contact", id) { ["lastname"] = "x" }));
        Assert.Null(_org.Read("contact", id));
    }

    [Fact]
    public void Update_RowVersionMismatch_FaultsWithConcurrencyCode()
    {
        var id = _service.Contact("Lovelace");
        var stale = _service.Retrieve("contact", id, new ColumnSet("lastname"));
        _service.Update(new Entity("contact", id) { ["firstname"] = "Ada" });

        var update = new UpdateRequest { Target = new Entity("contact", id) { ["lastname"] = "B", RowVersion = stale.RowVersion }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Execute(update));
        Assert.Equal(unchecked((int)0x80060882), fault.Detail.ErrorCode);

        var fresh = _service.Retrieve("contact", id, new ColumnSet("lastname"));
        update.Target.RowVersion = fresh.RowVersion;
        _service.Execute(update);
        Assert.Equal("B", _org.Read("contact", id)!["lastname"]);
    }

    [Fact]
    public void Update_InvalidStatePair_Faults_AndStateOnlyTakesDefaultStatus()
    {
        var id = _service.Contact("Lovelace");

        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _service.Update(new Entity("contact", id) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(2) }));
        _service.Update(new Entity("contact", id) { ["statecode"] = new OptionSetValue(1) });

        Assert.Equal(2, _org.Read("contact", id)!.GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [Fact]
    public void Update_ReadOnlyColumns_AreIgnoredLikeThePlatformDoes()
    {
        var id = _service.Contact("Lovelace");
        var retrieved = _service.Retrieve("contact", id, new ColumnSet(true));
        retrieved["firstname"] = "Ada";

        _service.Update(retrieved);

        var row = _org.Read("contact", id)!;
        Assert.Equal("Ada Lovelace", row["fullname"]);
    }

    [Fact]
    public void Delete_Account_CascadesToItsContactsAndNotes()
    {
        var account = _service.Create(new Entity("account") { ["name"] = "Contoso" });
        var contact = _service.Create(new Entity("contact") { ["lastname"] = "x", ["parentcustomerid"] = new EntityReference("account", account) });
        var note = _service.Create(new Entity("annotation") { ["subject"] = "n", ["objectid"] = new EntityReference("contact", contact) });

        _service.Delete("account", account);

        Assert.Null(_org.Read("contact", contact));
        Assert.Null(_org.Read("annotation", note));
    }

    [Fact]
    public void Delete_Campaign_RemovesLinkFromLeads()
    {
        var campaign = _service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var lead = _service.Create(new Entity("lead") { ["lastname"] = "x", ["campaignid"] = new EntityReference("campaign", campaign) });

        _service.Delete("campaign", campaign);

        Assert.False(_org.Read("lead", lead)!.Contains("campaignid"));
    }

    [Fact]
    public void Delete_ListMemberContact_RemovesIntersectRowAndCount()
    {
        var list = _service.StaticList("Newsletter");
        var contact = _service.Contact("Lovelace");
        _service.Execute(new Microsoft.Crm.Sdk.Messages.AddMemberListRequest { ListId = list, EntityId = contact });

        _service.Delete("contact", contact);

        Assert.Empty(_org.Rows("listmember"));
        Assert.Equal(0, _org.Read("list", list)!["membercount"]);
    }

    [Fact]
    public void Create_EmailWithParties_WritesActivityPartiesAndPointer()
    {
        var contact = _service.Contact("Lovelace", "ada@example.com");
        var email = new Entity("email")
        {
            ["subject"] = "Spring offer",
            ["to"] = new EntityCollection([new Entity("activityparty") { ["partyid"] = new EntityReference("contact", contact) }]),
            ["cc"] = new EntityCollection([new Entity("activityparty") { ["addressused"] = "someone@example.com" }]),
        };

        var id = _service.Create(email);

        var read = _service.Retrieve("email", id, new ColumnSet("to", "cc"));
        var to = Assert.Single(read.GetAttributeValue<EntityCollection>("to").Entities);
        Assert.Equal("ada@example.com", to["addressused"]);
        Assert.Equal(2, to.GetAttributeValue<OptionSetValue>("participationtypemask").Value);
        Assert.Equal("someone@example.com", Assert.Single(read.GetAttributeValue<EntityCollection>("cc").Entities)["addressused"]);
        var pointer = _org.Read("activitypointer", id)!;
        Assert.Equal("email", pointer["activitytypecode"]);
        Assert.Equal("Spring offer", pointer["subject"]);

        _service.Delete("email", id);
        Assert.Empty(_org.Rows("activityparty"));
        Assert.Null(_org.Read("activitypointer", id));
    }

    [Fact]
    public void Update_ClosedActivity_IsReadOnlyUntilReopened()
    {
        var campaign = _service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var activity = _service.Create(new Entity("campaignactivity") { ["subject"] = "Mail", ["regardingobjectid"] = new EntityReference("campaign", campaign) });
        _service.Update(new Entity("campaignactivity", activity) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Update(new Entity("campaignactivity", activity) { ["subject"] = "changed" }));
        _service.Update(new Entity("campaignactivity", activity) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1) });
        _service.Update(new Entity("campaignactivity", activity) { ["subject"] = "changed" });
        Assert.Equal("changed", _org.Read("campaignactivity", activity)!["subject"]);
    }

    [Fact]
    public void Update_QualifiedLead_IsReadOnly()
    {
        var lead = _service.Create(new Entity("lead") { ["lastname"] = "x" });
        _service.Update(new Entity("lead", lead) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(3) });

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Update(new Entity("lead", lead) { ["firstname"] = "y" }));
    }

    [Fact]
    public void Update_TableWithoutUpdateMessage_Faults()
    {
        var list = _service.StaticList("l");
        var member = ((Microsoft.Crm.Sdk.Messages.AddMemberListResponse)_service.Execute(
            new Microsoft.Crm.Sdk.Messages.AddMemberListRequest { ListId = list, EntityId = _service.Contact("c") })).Id;

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Update(new Entity("listmember", member) { ["name"] = "n" }));

        Assert.Contains("listmember", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retrieve_UnknownColumnInColumnSet_Faults()
    {
        var id = _service.Contact("x");

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _service.Retrieve("contact", id, new ColumnSet("nope")));

        Assert.Equal(unchecked((int)0x80041103), fault.Detail.ErrorCode);
    }

    [Fact]
    public void RetrieveMultiple_QueryExpression_RunsThroughTheQueryEngine()
    {
        _service.Contact("Lovelace", "ada@example.com");
        _service.Contact("Hopper", "grace@example.com");

        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.Equal, "GRACE@example.com");
        var result = _service.RetrieveMultiple(query);

        Assert.Equal("Hopper", Assert.Single(result.Entities)["lastname"]);
    }

    [Fact]
    public void WhoAmI_ReturnsCallerBusinessUnitAndOrganization()
    {
        var user = _org.AddUser("Grace Hopper");

        var response = (Microsoft.Crm.Sdk.Messages.WhoAmIResponse)_org.CreateService(user).Execute(new Microsoft.Crm.Sdk.Messages.WhoAmIRequest());

        Assert.Equal(user, response.UserId);
        Assert.Equal(_org.Options.BusinessUnitId, response.BusinessUnitId);
        Assert.Equal(_org.Options.OrganizationId, response.OrganizationId);
    }

    [Fact]
    public void Execute_UnknownMessage_IsRefusedByName()
    {
        var refused = Assert.Throws<NotSupportedException>(() => _service.Execute(new OrganizationRequest("QualifyLead")));

        Assert.Contains("QualifyLead", refused.Message, StringComparison.Ordinal);
    }
}
