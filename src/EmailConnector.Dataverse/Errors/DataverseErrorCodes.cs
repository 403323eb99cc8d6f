namespace EmailConnector.Dataverse.Errors;

/// <summary>Dataverse error codes the client reacts to, in the hex form of the Web API error body.</summary>
public static class DataverseErrorCodes
{
    /// <summary>The row does not exist.</summary>
    public const string ObjectDoesNotExist = "0x80040217";

    /// <summary>A row with matching key values already exists.</summary>
    public const string DuplicateRecord = "0x80040237";

    /// <summary>The ETag (row version) does not match.</summary>
    public const string ConcurrencyVersionMismatch = "0x80060882";

    /// <summary>Service protection: number of requests in the 5-minute window.</summary>
    public const string RequestLimitExceeded = "0x80072322";

    /// <summary>Service protection: combined execution time in the 5-minute window.</summary>
    public const string ExecutionTimeLimitExceeded = "0x80072321";

    /// <summary>Service protection: concurrent requests.</summary>
    public const string ConcurrencyLimitExceeded = "0x80072326";

    /// <summary>True for the three service protection codes.</summary>
    public static bool IsServiceProtection(string? code) =>
        string.Equals(code, RequestLimitExceeded, StringComparison.OrdinalIgnoreCase)
        || string.Equals(code, ExecutionTimeLimitExceeded, StringComparison.OrdinalIgnoreCase)
        || string.Equals(code, ConcurrencyLimitExceeded, StringComparison.OrdinalIgnoreCase);
}
