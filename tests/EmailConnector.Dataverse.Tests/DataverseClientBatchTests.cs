using System.Net;
using EmailConnector.Dataverse.Batch;
using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Dataverse.Tests.Support;

namespace EmailConnector.Dataverse.Tests;

/// <summary>$batch and the *Multiple actions through the client against the emulator's HTTP front.</summary>
public sealed class DataverseClientBatchTests : IAsyncLifetime
{
    private DataverseFront _front = null!;

    private DataverseClient Client => _front.Client;

    public async Task InitializeAsync() => _front = await DataverseFront.StartAsync(settings: new Dictionary<string, string?> { ["BatchSize"] = "4", ["BulkSize"] = "5" });

    public async Task DisposeAsync() => await _front.DisposeAsync();

    [Fact]
    public async Task ExecuteBatchAsync_ChangeSetAndGet_ReturnsTheDocumentedResponseShape()
    {
        var existing = _front.SeedContact("Existing");
        var batch = new DataverseBatch()
            .AddChangeSet(
                DataverseRequest.Create("contacts", new DataverseRow().Set("lastname", "One")),
                DataverseRequest.Update("contacts", existing, new DataverseRow().Set("firstname", "Two")))
            .Add(DataverseRequest.Get("contacts?$select=lastname", "Query contacts"));

        var result = await Client.ExecuteBatchAsync(batch);

        Assert.True(result.Succeeded);
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.OK], result.Responses.Select(r => r.StatusCode));
        Assert.Equal(["1", "2", null], result.Responses.Select(r => r.ContentId));
        var created = result.Responses[0].EntityId!.Value;
        Assert.Equal("One", _front.Organization.Read("contact", created)!["lastname"]);
        Assert.Equal("Two", _front.Organization.Read("contact", existing)!["firstname"]);
        Assert.Contains("\"value\"", result.Responses[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteBatchAsync_FailingChangeSet_RollsBackItsRequests()
    {
        var batch = new DataverseBatch().AddChangeSet(
            DataverseRequest.Create("contacts", new DataverseRow().Set("lastname", "Rolled back")),
            DataverseRequest.Update("contacts", Guid.NewGuid(), new DataverseRow().Set("firstname", "Missing")));

        var result = await Client.ExecuteBatchAsync(batch);

        Assert.False(result.Succeeded);
        var failure = Assert.Single(result.Failures);
        Assert.IsType<DataverseNotFoundException>(failure.Error);
        Assert.Empty(_front.Organization.Rows("contact"));
    }

    [Fact]
    public async Task ExecuteBatchAsync_WithoutContinueOnError_StopsAtTheFirstFailure()
    {
        var batch = new DataverseBatch()
            .Add(DataverseRequest.Delete("contacts", Guid.NewGuid()))
            .Add(DataverseRequest.Create("contacts", new DataverseRow().Set("lastname", "Never")));

        var result = await Client.ExecuteBatchAsync(batch);

        Assert.Equal(HttpStatusCode.NotFound, Assert.Single(result.Responses).StatusCode);
        Assert.Empty(_front.Organization.Rows("contact"));
    }

    [Fact]
    public async Task ExecuteBatchAsync_ContinueOnError_RunsEveryRequest()
    {
        var batch = new DataverseBatch()
            .Add(DataverseRequest.Delete("contacts", Guid.NewGuid()))
            .Add(DataverseRequest.Create("contacts", new DataverseRow().Set("lastname", "Still")));

        var result = await Client.ExecuteBatchAsync(batch, continueOnError: true);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NoContent], result.Responses.Select(r => r.StatusCode));
        Assert.Equal("Still", Assert.Single(_front.Organization.Rows("contact"))["lastname"]);
    }

    [Fact]
    public async Task ExecuteInBatchesAsync_ChunksAtBatchSize()
    {
        var requests = Enumerable.Range(0, 10).Select(i => DataverseRequest.Create("contacts", new DataverseRow().Set("lastname", "C" + i)));

        var results = await Client.ExecuteInBatchesAsync(requests, atomicChunks: true);

        Assert.Equal([4, 4, 2], results.Select(r => r.RequestCount));
        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(10, _front.Organization.Rows("contact").Count);
        Assert.Equal(3, _front.Attempts.Attempts.Count(a => a.Path.EndsWith("$batch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CreateMultipleAsync_ChunksAtBulkSizeNotBatchSizeAndReturnsIdsInOrder()
    {
        var rows = Enumerable.Range(0, 9).Select(i => new DataverseRow().Set("lastname", "M" + i)).ToList();

        var ids = await Client.CreateMultipleAsync("contacts", "contact", rows);

        Assert.Equal(9, ids.Count);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => "M" + i), ids.Select(id => (string)_front.Organization.Read("contact", id)!["lastname"]));
        // Bulk calls are cut at BulkSize (5), independently of the $batch size (4).
        Assert.Equal(2, _front.Attempts.Attempts.Count(a => a.Path.EndsWith("CreateMultiple", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UpdateMultipleAsync_RowsWithPrimaryKeys_UpdatesThem()
    {
        var ids = Enumerable.Range(0, 7).Select(i => _front.SeedContact("U" + i)).ToList();

        await Client.UpdateMultipleAsync("contacts", "contact", ids.Select(id => new DataverseRow().Set("contactid", id).Set("firstname", "Updated")));

        Assert.All(ids, id => Assert.Equal("Updated", _front.Organization.Read("contact", id)!["firstname"]));
        Assert.Equal(2, _front.Attempts.Attempts.Count(a => a.Path.EndsWith("UpdateMultiple", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UpdateMultipleAsync_WithTag_SendsItAsTheTagParameter()
    {
        var id = _front.SeedContact("T");

        await Client.UpdateMultipleAsync("contacts", "contact", [new DataverseRow().Set("contactid", id).Set("firstname", "Tagged")], "From the platform");

        Assert.Equal("Tagged", _front.Organization.Read("contact", id)!["firstname"]);
        Assert.Contains(_front.Server.Requests.Entries, r => r.Target.EndsWith("contacts/Microsoft.Dynamics.CRM.UpdateMultiple?tag=From%20the%20platform", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertMultipleAsync_AlternateKeys_CreatesMissingAndUpdatesExisting()
    {
        await Client.CreateAsync("ec_suppressions", new DataverseRow().Set("ec_emailaddress", "old@example.com"));
        var rows = new[] { "old@example.com", "new1@example.com", "new2@example.com" }.Select(email =>
            DataverseClient.WithKey(new DataverseRow().Set("ec_suppressedon", new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)), "ec_suppressions", RecordKey.ForAlternateKey(("ec_emailaddress", email))));

        await Client.UpsertMultipleAsync("ec_suppressions", "ec_suppression", rows);

        var stored = _front.Organization.Rows("ec_suppression");
        Assert.Equal(["new1@example.com", "new2@example.com", "old@example.com"], stored.Select(r => (string)r["ec_emailaddress"]).Order());
        Assert.All(stored, r => Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), r["ec_suppressedon"]));
    }

    [Fact]
    public async Task CreateMultipleAsync_OneBadTarget_FailsTheChunkAsAWhole()
    {
        var rows = new[] { new DataverseRow().Set("lastname", "Fine"), new DataverseRow().Set("nosuchcolumn", "x") };

        await Assert.ThrowsAsync<DataverseException>(() => Client.CreateMultipleAsync("contacts", "contact", rows));

        Assert.Empty(_front.Organization.Rows("contact"));
    }
}
