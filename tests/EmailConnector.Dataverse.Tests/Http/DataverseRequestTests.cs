using System.Text;
using System.Text.Json.Nodes;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Tests.Http;

public class DataverseRequestTests
{
    private static readonly Uri Root = new("https://org.crm.dynamics.com/api/data/v9.2/");
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-0000000000aa");

    [Fact]
    public void Create_IsPostToTheSetAndNeverIdempotent()
    {
        var request = DataverseRequest.Create("contacts", new DataverseRow().Set("lastname", "Lovelace"));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("contacts", request.Path);
        Assert.False(request.IsIdempotent);
        Assert.Equal("""{"lastname":"Lovelace"}""", Encoding.UTF8.GetString(request.Body!));
    }

    [Fact]
    public void Update_WithoutETag_SendsIfMatchStarSoItNeverCreates()
    {
        var request = DataverseRequest.Update("contacts", Id, new DataverseRow().Set("firstname", "Ada"));

        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("contacts(00000000-0000-0000-0000-0000000000aa)", request.Path);
        Assert.Equal("*", request.HeaderValue("If-Match"));
        Assert.True(request.IsIdempotent);
    }

    [Fact]
    public void Update_WithETag_SendsIt()
    {
        var request = DataverseRequest.Update("contacts", Id, new DataverseRow(), "W/\"42\"");

        Assert.Equal("W/\"42\"", request.HeaderValue("If-Match"));
    }

    [Theory]
    [InlineData(UpsertBehavior.CreateOrUpdate, null, null)]
    [InlineData(UpsertBehavior.CreateOnly, null, "*")]
    [InlineData(UpsertBehavior.UpdateOnly, "*", null)]
    public void Upsert_Behavior_SetsConditionalHeaders(UpsertBehavior behavior, string? ifMatch, string? ifNoneMatch)
    {
        var request = DataverseRequest.Upsert("contacts", RecordKey.ForAlternateKey(("emailaddress1", "a@b.c")), new DataverseRow(), behavior);

        Assert.Equal("contacts(emailaddress1='a@b.c')", request.Path);
        Assert.Equal(ifMatch, request.HeaderValue("If-Match"));
        Assert.Equal(ifNoneMatch, request.HeaderValue("If-None-Match"));
        Assert.True(request.IsIdempotent);
    }

    [Fact]
    public void Associate_PostsRefWithAbsoluteODataId()
    {
        var request = DataverseRequest.Associate("lists", Id, "listcontact_association", new Uri(Root, "contacts(00000000-0000-0000-0000-000000000001)"));

        Assert.Equal("lists(00000000-0000-0000-0000-0000000000aa)/listcontact_association/$ref", request.Path);
        Assert.Equal("""{"@odata.id":"https://org.crm.dynamics.com/api/data/v9.2/contacts(00000000-0000-0000-0000-000000000001)"}""", Encoding.UTF8.GetString(request.Body!));
    }

    [Fact]
    public void Disassociate_CollectionAndSingleValued_UseTheDocumentedPaths()
    {
        var related = Guid.Parse("00000000-0000-0000-0000-000000000001");

        Assert.Equal(
            "lists(00000000-0000-0000-0000-0000000000aa)/listcontact_association(00000000-0000-0000-0000-000000000001)/$ref",
            DataverseRequest.Disassociate("lists", Id, "listcontact_association", related).Path);
        Assert.Equal(
            "contacts(00000000-0000-0000-0000-0000000000aa)/parentcustomerid_account/$ref",
            DataverseRequest.Disassociate("contacts", Id, "parentcustomerid_account", null).Path);
    }

    [Fact]
    public void Action_BoundUnboundAndCollectionBound_UseTheDocumentedPaths()
    {
        Assert.Equal("AddListMembersList", DataverseRequest.Action("AddListMembersList", null, true).Path);
        Assert.Equal("lists(00000000-0000-0000-0000-0000000000aa)/Microsoft.Dynamics.CRM.AddMemberList", DataverseRequest.Action("AddMemberList", null, true, "lists", Id).Path);
        Assert.Equal("contacts/Microsoft.Dynamics.CRM.CreateMultiple", DataverseRequest.Action("CreateMultiple", null, false, "contacts").Path);
    }

    [Fact]
    public void Function_WithParameters_PassesThemAsAliases()
    {
        var request = DataverseRequest.Function("ec_GetSyncState", new Dictionary<string, object?> { ["ListId"] = Id, ["Name"] = "a b" });

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("ec_GetSyncState(ListId=@p1,Name=@p2)?@p1=00000000-0000-0000-0000-0000000000aa&@p2=%27a%20b%27", request.Path);
    }

    [Fact]
    public void ToHttpRequestMessage_EachCall_GivesAFreshMessageWithTheSameContent()
    {
        var request = DataverseRequest.Update("contacts", Id, new DataverseRow().Set("firstname", "Ada")).Prefer("return=representation");

        using var first = request.ToHttpRequestMessage(Root);
        using var second = request.ToHttpRequestMessage(Root);

        Assert.NotSame(first, second);
        Assert.Equal(new Uri("https://org.crm.dynamics.com/api/data/v9.2/contacts(00000000-0000-0000-0000-0000000000aa)"), second.RequestUri);
        Assert.Equal("*", Assert.Single(second.Headers.IfMatch).Tag);
        Assert.Equal("return=representation", string.Join(",", second.Headers.GetValues("Prefer")));
        Assert.Equal("application/json", second.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public void ResolveUri_AbsoluteNextLink_IsKeptVerbatim()
    {
        const string next = "https://org.crm.dynamics.com/api/data/v9.2/contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22%3E";

        Assert.Equal(next, DataverseRequest.Get(next, "Query contacts").ResolveUri(Root).OriginalString);
    }

    [Fact]
    public void Action_Parameters_AreTheJsonBody()
    {
        var request = DataverseRequest.Action("ec_SyncList", new JsonObject { ["ListId"] = Id.ToString() }, isIdempotent: false);

        Assert.Equal("""{"ListId":"00000000-0000-0000-0000-0000000000aa"}""", Encoding.UTF8.GetString(request.Body!));
    }
}
