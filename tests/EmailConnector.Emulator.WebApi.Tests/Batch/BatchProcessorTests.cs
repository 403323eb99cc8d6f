using System.Net;
using System.Text;
using EmailConnector.Emulator.WebApi.Tests.Support;

namespace EmailConnector.Emulator.WebApi.Tests.Batch;

/// <summary>$batch over HTTP (dataverse.md §3.8): change sets, $n references, stop/continue on error, the response shape.</summary>
public sealed class BatchProcessorTests : IAsyncLifetime
{
    private WebApiHost _host = null!;

    public async Task InitializeAsync() => _host = await WebApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpResponseMessage Response, string Body)> PostBatch(string body, string boundary = "batch_AAA", string? prefer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "$batch")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal))),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/mixed; boundary={boundary}");
        if (prefer is not null)
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        var response = await _host.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private string Part(string method, string url, string? json = null, string? contentId = null) =>
        "Content-Type: application/http\nContent-Transfer-Encoding: binary\n" + (contentId is null ? string.Empty : $"Content-ID: {contentId}\n") + "\n"
        + $"{method} /api/data/v9.2/{url} HTTP/1.1\n" + (json is null ? "Accept: application/json\n\n" : $"Content-Type: application/json\n\n{json}\n");

    [Fact]
    public async Task ChangeSet_WithContentIdReference_CommitsAllAndAnswersInChangeSetResponse()
    {
        var body = $"""
            --batch_AAA
            Content-Type: multipart/mixed; boundary=changeset_BBB

            --changeset_BBB
            {Part("POST", "accounts", """{"name":"Contoso"}""", "1")}
            --changeset_BBB
            {Part("POST", "contacts", """{"lastname":"Lovelace","parentcustomerid_account@odata.bind":"$1"}""", "2")}
            --changeset_BBB--
            --batch_AAA
            {Part("GET", "contacts?$select=lastname,_parentcustomerid_value")}
            --batch_AAA--
            """;

        var (response, text) = await PostBatch(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("multipart/mixed; boundary=batchresponse_", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("Content-Type: multipart/mixed; boundary=changesetresponse_", text);
        Assert.Equal(2, CountOf(text, "HTTP/1.1 204 No Content"));
        Assert.Contains("HTTP/1.1 200 OK", text);
        Assert.Contains("Content-ID: 1", text);
        var account = _host.Organization.Rows("account").Single();
        var contact = _host.Organization.Rows("contact").Single();
        Assert.Equal(account.Id, contact.GetAttributeValue<Microsoft.Xrm.Sdk.EntityReference>("parentcustomerid").Id);
        Assert.Contains($"\"_parentcustomerid_value\":\"{account.Id}\"", text);
        Assert.Contains($"OData-EntityId: {_host.Root}accounts({account.Id})", text);
    }

    [Fact]
    public async Task ChangeSet_SecondRequestFails_RollsBackTheFirstAndAnswersOneError()
    {
        var body = $"""
            --batch_AAA
            Content-Type: multipart/mixed; boundary=changeset_BBB

            --changeset_BBB
            {Part("POST", "contacts", """{"lastname":"Kept?"}""", "1")}
            --changeset_BBB
            {Part("PATCH", $"contacts({Guid.NewGuid()})", """{"lastname":"Missing"}""", "2").Replace("Content-Type: application/json", "Content-Type: application/json\nIf-Match: *", StringComparison.Ordinal)}
            --changeset_BBB--
            --batch_AAA--
            """;

        var (response, text) = await PostBatch(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Organization.Rows("contact"));
        Assert.Contains("HTTP/1.1 404 Not Found", text);
        Assert.Contains("\"code\":\"0x80040217\"", text);
        Assert.DoesNotContain("changesetresponse_", text);
        Assert.DoesNotContain("204", text);
    }

    [Fact]
    public async Task Get_UrlBetween32And64KB_IsAnswered()
    {
        _host.SeedContact("Lovelace", "ada@example.com");
        var url = "contacts?$select=lastname&$filter=" + Uri.EscapeDataString($"lastname ne '{new string('x', 40_000)}'");

        var (response, text) = await PostBatch($"""
            --batch_AAA
            {Part("GET", url)}
            --batch_AAA--
            """);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HTTP/1.1 200 OK", text);
        Assert.Contains("Lovelace", text);
    }

    [Fact]
    public async Task Get_UrlLongerThan64KB_Is400()
    {
        var url = "contacts?$select=lastname&$filter=" + Uri.EscapeDataString($"lastname ne '{new string('x', 66_000)}'");

        var (response, text) = await PostBatch($"""
            --batch_AAA
            {Part("GET", url)}
            --batch_AAA--
            """);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("inside $batch", text);
    }

    [Fact]
    public async Task Independent_FailureWithoutContinueOnError_StopsProcessing()
    {
        var body = $"""
            --batch_AAA
            {Part("POST", "contacts", """{"lastname":"First"}""")}
            --batch_AAA
            {Part("POST", "contacts", """{"lastname":"Bad","nosuchcolumn":1}""")}
            --batch_AAA
            {Part("POST", "contacts", """{"lastname":"Third"}""")}
            --batch_AAA--
            """;

        var (_, text) = await PostBatch(body);

        Assert.Equal(["First"], _host.Organization.Rows("contact").Select(c => (string)c["lastname"]));
        Assert.Equal(2, CountOf(text, "Content-Type: application/http"));
        Assert.Contains("HTTP/1.1 400 Bad Request", text);
    }

    [Fact]
    public async Task Independent_FailureWithContinueOnError_RunsEverything()
    {
        var body = $"""
            --batch_AAA
            {Part("POST", "contacts", """{"lastname":"First"}""")}
            --batch_AAA
            {Part("POST", "contacts", """{"lastname":"Bad","nosuchcolumn":1}""")}
            --batch_AAA
            {Part("POST", "contacts", """{"lastname":"Third"}""")}
            --batch_AAA--
            """;

        var (response, text) = await PostBatch(body, prefer: "odata.continue-on-error");

        Assert.Equal(["First", "Third"], _host.Organization.Rows("contact").Select(c => (string)c["lastname"]).OrderBy(n => n));
        Assert.Equal(3, CountOf(text, "Content-Type: application/http"));
        Assert.Equal("odata.continue-on-error", response.Headers.GetValues("Preference-Applied").Single());
    }

    [Fact]
    public async Task Batch_OverOneThousandOperations_Is400AndRunsNothing()
    {
        var parts = string.Concat(Enumerable.Range(0, 1001).Select(i => "--batch_AAA\n" + Part("POST", "contacts", $$"""{"lastname":"N{{i}}"}""")));

        var (response, text) = await PostBatch(parts + "--batch_AAA--\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1001", text);
        Assert.Empty(_host.Organization.Rows("contact"));
    }

    [Fact]
    public async Task ChangeSet_WithGet_IsRefused()
    {
        var body = $"""
            --batch_AAA
            Content-Type: multipart/mixed; boundary=changeset_BBB

            --changeset_BBB
            {Part("GET", "contacts")}
            --changeset_BBB--
            --batch_AAA--
            """;

        var (_, text) = await PostBatch(body);

        Assert.Contains("HTTP/1.1 400 Bad Request", text);
    }

    [Theory]
    [InlineData("no boundary here")]
    [InlineData("--batch_AAA\nContent-Type: application/http\n\nNOT-A-REQUEST-LINE\n--batch_AAA--\n")]
    [InlineData("--batch_AAA\nContent-Type: text/plain\n\nhello\n--batch_AAA--\n")]
    [InlineData("--batch_AAA\nContent-Type: application/http\n\nPOST /api/data/v9.2/contacts HTTP/1.1\n")]
    public async Task Batch_Malformed_Is400WithErrorBody(string body)
    {
        var (response, _) = await PostBatch(body);

        await WebApiHost.ErrorAsync(response, 400);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
