namespace EmailConnector.Schema;

/// <summary>
/// Values of the <c>tag</c> request parameter the worker sends with some of its writes; Dataverse hands it to plugins
/// as <c>SharedVariables["tag"]</c> (dataverse.md §1.2).
/// </summary>
public static class WriteTags
{
    /// <summary>
    /// The write carries an opt-out the email platform reported (an unsubscribe or complaint pulled back, or a platform
    /// suppression reconciled). The platform knows it already, so the consent step queues no ConsentChanged for it;
    /// other platform accounts get the address from the CRM suppression list at their next reconciliation.
    /// </summary>
    public const string OptOutFromPlatform = "EmailConnector.OptOutFromPlatform";
}
