namespace EmailConnector.Schema;

/// <summary>
/// Unique names of the solution's custom APIs (customapis/&lt;name&gt;/) with their request parameters and response
/// properties. Nested classes: <c>Name</c> is the API, <c>Request*</c> a parameter, every other constant a response property.
/// </summary>
public static class CustomApiNames
{
    public static class PreviewTransfer
    {
        public const string Name = "ec_PreviewTransfer";
        public const string ListCount = "ListCount";
        public const string MemberCount = "MemberCount";
        public const string RecipientCount = "RecipientCount";
        public const string ExcludedCount = "ExcludedCount";
        public const string ExcludedDoNotBulkEmail = "ExcludedDoNotBulkEmail";
        public const string ExcludedInvalidAddress = "ExcludedInvalidAddress";
        public const string ExcludedBounced = "ExcludedBounced";
        public const string ExcludedUnsubscribed = "ExcludedUnsubscribed";
        public const string ExcludedDuplicateAddress = "ExcludedDuplicateAddress";
        public const string ExcludedNoAddress = "ExcludedNoAddress";
        public const string ListsJson = "ListsJson";
    }

    public static class StartTransfer
    {
        public const string Name = "ec_StartTransfer";
        public const string RequestExpectedRecipientCount = "ExpectedRecipientCount";
        public const string SyncRequestId = "SyncRequestId";
        public const string Message = "Message";
    }

    public static class RequestReport
    {
        public const string Name = "ec_RequestReport";
        public const string RequestLanguage = "Language";
        public const string RequestTimeZone = "TimeZone";
        public const string SyncRequestId = "SyncRequestId";
        public const string Message = "Message";
    }

    public static class SyncNow
    {
        public const string Name = "ec_SyncNow";
        public const string SyncRequestId = "SyncRequestId";
        public const string Message = "Message";
    }

    public static class SyncListNow
    {
        public const string Name = "ec_SyncListNow";
        public const string SyncRequestId = "SyncRequestId";
        public const string Message = "Message";
    }
}
