using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Emulator.WebApi.Control;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EmailConnector.Worker.Tests.Reactions;

public sealed class BulkCreatesTests
{
    private const string LeadBulk = "leads/Microsoft.Dynamics.CRM.CreateMultiple";

    [Fact]
    public async Task Create_FiveRowsInChunksOfTwo_ThreeCreateMultipleAndNoSingleCreate()
    {
        await using var front = await WorkerFront.StartAsync();
        var creates = Creates(front);
        front.Server.Requests.Clear();

        var existing = await creates.CreateAsync("leads", "lead", Leads(5), CancellationToken.None);

        Assert.Empty(existing);
        Assert.Equal(5, front.Organization.Rows("lead").Count);
        var posts = front.Server.Requests.Entries.Where(r => r.Method == "POST").Select(r => r.Target).ToList();
        Assert.Equal(3, posts.Count(t => t.Contains(LeadBulk, StringComparison.Ordinal)));
        Assert.DoesNotContain(posts, t => t.Contains("$batch", StringComparison.Ordinal) || t.EndsWith("/leads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_ARowAnotherWorkerCreatedMeanwhile_ReportsItAndCreatesTheOthers()
    {
        await using var front = await WorkerFront.StartAsync();
        var creates = Creates(front);
        var rows = Leads(3);
        var taken = rows[1].GetGuid("leadid")!.Value;
        front.Service.Create(new Microsoft.Xrm.Sdk.Entity("lead", taken) { ["subject"] = "theirs", ["lastname"] = "Theirs" });

        var existing = await creates.CreateAsync("leads", "lead", rows, CancellationToken.None);

        Assert.Equal([1], existing);
        Assert.Equal(3, front.Organization.Rows("lead").Count);
        Assert.Equal("theirs", front.Organization.Read("lead", taken)!["subject"]);
        Assert.False(creates.IsSinglesOnly("lead"));
    }

    [Fact]
    public async Task Create_DataverseRefusesCreateMultipleForTheTable_CreatesSinglyFromThenOn()
    {
        await using var front = await WorkerFront.StartAsync();
        var creates = Creates(front);
        front.Server.Faults.Add(new FaultRule { Method = "POST", PathContains = LeadBulk, Status = 400, Times = 100, Message = "The 'CreateMultiple' method does not support entities of type 'lead'." });

        await creates.CreateAsync("leads", "lead", Leads(4), CancellationToken.None);
        await creates.CreateAsync("leads", "lead", Leads(2, first: 10), CancellationToken.None);

        Assert.Equal(6, front.Organization.Rows("lead").Count);
        Assert.True(creates.IsSinglesOnly("lead"));
        // One refused bulk call (chunk of 4, then singly); the second call did not try again.
        Assert.Equal(1, Assert.Single(front.Server.Faults.Rules).Seen);
    }

    [Fact]
    public async Task Create_ARowDataverseRejects_ThrowsItsErrorAndKeepsUsingCreateMultiple()
    {
        await using var front = await WorkerFront.StartAsync();
        var creates = Creates(front);
        var rows = Leads(3);
        rows[2].Set("lastname", new string('x', 51));

        await Assert.ThrowsAsync<DataverseException>(() => creates.CreateAsync("leads", "lead", rows, CancellationToken.None));

        Assert.False(creates.IsSinglesOnly("lead"));
        Assert.DoesNotContain(front.Organization.Rows("lead"), l => (string?)l["lastname"] == new string('x', 51));
    }

    private static BulkCreates Creates(WorkerFront front) =>
        front.Worker("worker-a", new Dictionary<string, string?> { ["Dataverse:BulkSize"] = "2" }).GetRequiredService<BulkCreates>();

    private static List<DataverseRow> Leads(int count, int first = 0) => Enumerable.Range(first, count)
        .Select(i => new DataverseRow()
            .Set("leadid", Guid.NewGuid())
            .Set("subject", "Subscription " + i)
            .Set("lastname", "Lead " + i))
        .ToList();
}
