namespace EmailConnector.Worker.Health;

/// <summary>
/// The queue as the last refresh saw it. Counts come from <c>@odata.count</c>, which Dataverse caps at 5,000; a capped
/// count reads as 5,000.
/// </summary>
public sealed record QueueSnapshot(
    DateTimeOffset TakenAt,
    int Pending,
    int InProgress,
    int Parked,
    DateTimeOffset? OldestPendingCreatedOn)
{
    /// <summary>Pending plus in progress: the work not done yet.</summary>
    public int Depth => Pending + InProgress;

    /// <summary>The oldest pending request's age when the snapshot was taken; zero when none is pending.</summary>
    public TimeSpan OldestPendingAge => OldestPendingCreatedOn is { } created && created < TakenAt ? TakenAt - created : TimeSpan.Zero;
}
