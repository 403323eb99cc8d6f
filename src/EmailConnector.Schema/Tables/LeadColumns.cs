namespace EmailConnector.Schema;

/// <summary>The option the solution adds to the system column lead.leadsourcecode: leads the connector creates from new subscribers.</summary>
[SchemaOptionSet("lead", "leadsourcecode")]
public enum LeadSource
{
    EmailPlatform = 183500000,
}
