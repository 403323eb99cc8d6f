namespace EmailConnector.Dataverse.Resilience;

/// <summary>Names of the resilience pipelines registered with Polly's registry.</summary>
public static class ResiliencePipelineNames
{
    /// <summary>The pipeline every Dataverse Web API call goes through: retry (429 and transient) around the request budget.</summary>
    public const string Dataverse = "EmailConnector.Dataverse";
}
