namespace EmailConnector.Worker.Operations.Reconciliation;

/// <summary>The counts of one account's reconciliation; no addresses.</summary>
/// <param name="PlatformSuppressions">Suppressions the platform listed.</param>
/// <param name="RecordsOptedOut">Contacts and leads set to do-not-bulk-email.</param>
/// <param name="SuppressionRowsCreated"><c>ec_suppression</c> rows created for platform suppressions CRM lacked.</param>
/// <param name="PushedToPlatform">CRM suppressions the platform lacked and now has.</param>
public sealed record ReconciliationResult(int PlatformSuppressions, int RecordsOptedOut, int SuppressionRowsCreated, int PushedToPlatform);
