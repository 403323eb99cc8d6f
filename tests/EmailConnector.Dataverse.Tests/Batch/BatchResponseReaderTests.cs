using System.Net;
using EmailConnector.Dataverse.Batch;
using EmailConnector.Dataverse.Errors;

namespace EmailConnector.Dataverse.Tests.Batch;

public class BatchResponseReaderTests
{
    // The documented response shape: a change-set response with two 204s, then a GET's 200 and a failed request.
    private const string Body =
        "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r\n"
        + "Content-Type: multipart/mixed; boundary=changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb\r\n\r\n"
        + "--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb\r\n"
        + "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n"
        + "HTTP/1.1 204 No Content\r\n"
        + "OData-Version: 4.0\r\n"
        + "Location: https://org.crm.dynamics.com/api/data/v9.2/tasks(a59c24f3-fafc-e411-80dd-00155d2a68cb)\r\n"
        + "OData-EntityId: https://org.crm.dynamics.com/api/data/v9.2/tasks(a59c24f3-fafc-e411-80dd-00155d2a68cb)\r\n\r\n\r\n"
        + "--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb\r\n"
        + "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n"
        + "HTTP/1.1 204 No Content\r\n"
        + "OData-EntityId: https://org.crm.dynamics.com/api/data/v9.2/tasks(a69c24f3-fafc-e411-80dd-00155d2a68cb)\r\n\r\n\r\n"
        + "--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb--\r\n"
        + "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r\n"
        + "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        + "HTTP/1.1 200 OK\r\n"
        + "Content-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n"
        + "{\"@odata.context\":\"x\",\"value\":[{\"@odata.etag\":\"W/\\\"1\\\"\",\"subject\":\"Task 1\"}]}\r\n"
        + "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r\n"
        + "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        + "HTTP/1.1 404 Not Found\r\n"
        + "Content-Type: application/json; odata.metadata=minimal\r\n\r\n"
        + "{\"error\":{\"code\":\"0x80040217\",\"message\":\"task With Id = 1 Does Not Exist\"}}\r\n"
        + "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f--\r\n";

    private const string ContentType = "multipart/mixed; boundary=batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f";

    [Fact]
    public void Read_DocumentedResponse_GivesOneResponsePerRequestInOrder()
    {
        var responses = BatchResponseReader.Read(Body, ContentType);

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.OK, HttpStatusCode.NotFound], responses.Select(r => r.StatusCode));
        Assert.Equal(["1", "2", null, null], responses.Select(r => r.ContentId));
        Assert.Equal([true, true, false, false], responses.Select(r => r.InChangeSet));
    }

    [Fact]
    public void Read_ChangeSetCreate_ExposesTheEntityId()
    {
        var responses = BatchResponseReader.Read(Body, ContentType);

        Assert.Equal(Guid.Parse("a59c24f3-fafc-e411-80dd-00155d2a68cb"), responses[0].EntityId);
        Assert.Equal(string.Empty, responses[0].Body);
    }

    [Fact]
    public void Read_GetPart_BodyIsTheJsonCollection()
    {
        var responses = BatchResponseReader.Read(Body, ContentType);

        Assert.StartsWith("{\"@odata.context\"", responses[2].Body, StringComparison.Ordinal);
        Assert.Equal("application/json; odata.metadata=minimal", responses[2].Headers["content-type"]);
    }

    [Fact]
    public void Read_FailedPart_ExposesTheDataverseError()
    {
        var failed = BatchResponseReader.Read(Body, ContentType)[3];

        Assert.False(failed.IsSuccess);
        var error = Assert.IsType<DataverseNotFoundException>(failed.Error);
        Assert.Equal("0x80040217", error.ErrorCode);
    }

    [Fact]
    public void Read_LfOnlyLineEnds_AreAccepted()
    {
        var responses = BatchResponseReader.Read(Body.Replace("\r\n", "\n", StringComparison.Ordinal), ContentType);

        Assert.Equal(4, responses.Count);
        Assert.Equal(HttpStatusCode.NotFound, responses[3].StatusCode);
    }

    [Theory]
    [InlineData("multipart/mixed; boundary=other")]
    [InlineData("application/json")]
    public void Read_WrongBoundary_FailsLoudly(string contentType)
    {
        Assert.Throws<InvalidDataException>(() => BatchResponseReader.Read(Body, contentType));
    }
}
