using System.Text;
using EmailConnector.Dataverse.Batch;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Tests.Batch;

public class BatchWriterTests
{
    private static readonly Uri Root = new("https://org.crm.dynamics.com/api/data/v9.2/");

    [Fact]
    public void Write_ChangeSetAndGet_MatchesTheDocumentedLayout()
    {
        var batch = new DataverseBatch()
            .AddChangeSet(
                DataverseRequest.Create("contacts", new DataverseRow().Set("lastname", "Lovelace")),
                new DataverseRequest(HttpMethod.Post, "$1/contact_customer_accounts", "Create account", false, Encoding.UTF8.GetBytes("""{"name":"Contoso"}""")))
            .Add(DataverseRequest.Get("contacts?$select=fullname&$top=1", "Query contacts"));

        var text = Encoding.UTF8.GetString(BatchWriter.Write(batch, Root, "batch_AAA", () => "changeset_BBB"));

        Assert.Equal(
            "--batch_AAA\r\n"
            + "Content-Type: multipart/mixed; boundary=changeset_BBB\r\n\r\n"
            + "--changeset_BBB\r\n"
            + "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n"
            + "POST https://org.crm.dynamics.com/api/data/v9.2/contacts HTTP/1.1\r\n"
            + "Content-Type: application/json; type=entry\r\n\r\n"
            + "{\"lastname\":\"Lovelace\"}\r\n"
            + "--changeset_BBB\r\n"
            + "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n"
            + "POST $1/contact_customer_accounts HTTP/1.1\r\n"
            + "Content-Type: application/json; type=entry\r\n\r\n"
            + "{\"name\":\"Contoso\"}\r\n"
            + "--changeset_BBB--\r\n"
            + "--batch_AAA\r\n"
            + "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "GET https://org.crm.dynamics.com/api/data/v9.2/contacts?$select=fullname&$top=1 HTTP/1.1\r\n"
            + "Accept: application/json\r\n\r\n"
            + "--batch_AAA--\r\n",
            text);
    }

    [Fact]
    public void Write_ConditionalUpdate_CarriesItsHeaders()
    {
        var batch = new DataverseBatch().Add(DataverseRequest.Update("contacts", Guid.Empty, new DataverseRow().Set("firstname", "A"), "W/\"7\""));

        var text = Encoding.UTF8.GetString(BatchWriter.Write(batch, Root, "b", () => "c"));

        Assert.Contains("PATCH https://org.crm.dynamics.com/api/data/v9.2/contacts(00000000-0000-0000-0000-000000000000) HTTP/1.1\r\nIf-Match: W/\"7\"\r\n", text, StringComparison.Ordinal);
    }
}
