using EmailConnector.Dataverse.Batch;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Tests.Batch;

public class DataverseBatchTests
{
    [Fact]
    public void Add_Beyond1000Requests_IsRejected()
    {
        var batch = new DataverseBatch();
        for (var i = 0; i < DataverseBatch.MaxRequests; i++)
        {
            batch.Add(DataverseRequest.Delete("contacts", Guid.NewGuid()));
        }

        Assert.Throws<InvalidOperationException>(() => batch.Add(DataverseRequest.Delete("contacts", Guid.NewGuid())));
    }

    [Fact]
    public void AddChangeSet_CountsEveryMember()
    {
        var batch = new DataverseBatch().AddChangeSet(
            DataverseRequest.Delete("contacts", Guid.NewGuid()), DataverseRequest.Delete("contacts", Guid.NewGuid()));

        Assert.Equal(2, batch.RequestCount);
    }

    [Fact]
    public void AddChangeSet_WithGet_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => new DataverseBatch().AddChangeSet(DataverseRequest.Get("contacts", "Query contacts")));
    }

    [Fact]
    public void IsIdempotent_OneCreate_MakesTheBatchNonIdempotent()
    {
        var batch = new DataverseBatch().Add(DataverseRequest.Delete("contacts", Guid.NewGuid()));
        Assert.True(batch.IsIdempotent);

        batch.Add(DataverseRequest.Create("contacts", new DataverseRow()));

        Assert.False(batch.IsIdempotent);
    }
}
