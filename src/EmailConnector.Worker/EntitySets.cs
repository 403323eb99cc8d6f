namespace EmailConnector.Worker;

/// <summary>
/// Web API entity set names of the tables the worker touches. They are metadata (EntitySetName), not logical names,
/// so they live here beside the Schema constants they belong to.
/// </summary>
internal static class EntitySets
{
    public const string SyncRequests = "ec_syncrequests";
    public const string CampaignActivities = "campaignactivities";
}
