namespace EmailConnector.Emulator.Faults;

/// <summary>
/// Every error code the emulator raises, in one place. "Source" names the page or note the value comes from;
/// "unverified" marks codes not yet checked against Dataverse documentation or a real org.
/// </summary>
public static class ErrorCodes
{
    public static readonly ErrorCode ObjectDoesNotExist = new(
        "ObjectDoesNotExist", 0x80040217, "dataverse.md §3.12 (DP/webapi/compose-http-requests-handle-errors)");

    public static readonly ErrorCode DuplicateRecord = new(
        "DuplicateRecord", 0x80040237, "dataverse.md §3.7: duplicate alternate key on create or If-None-Match upsert");

    public static readonly ErrorCode IsvAborted = new(
        "IsvAborted", 0x80040265, "dataverse.md §1.4 and §3.12 (DP/handle-exceptions)");

    public static readonly ErrorCode ConcurrencyVersionMismatch = new(
        "ConcurrencyVersionMismatch", 0x80060882, "dataverse.md §3.7 (DP/webapi/perform-conditional-operations-using-web-api)");

    public static readonly ErrorCode StringLengthOrValueOutOfRange = new(
        "ValidationError", 0x80044331, "dataverse.md §3.12: value out of range / string too long");

    public static readonly ErrorCode ThrottlingRequests = new(
        "ThrottlingNumberOfRequests", 0x80072322, "dataverse.md §4.1 (DP/api-limits)");

    public static readonly ErrorCode ThrottlingTime = new(
        "ThrottlingExecutionTime", 0x80072321, "dataverse.md §4.1 (DP/api-limits)");

    public static readonly ErrorCode ThrottlingConcurrency = new(
        "ThrottlingConcurrentRequests", 0x80072326, "dataverse.md §4.1 (DP/api-limits)");

    public static readonly ErrorCode UnknownAttribute = new(
        "QueryBuilderNoAttribute", 0x80041103, "unverified: community evidence (\"'x' entity doesn't contain attribute with Name = 'y'\")");

    public static readonly ErrorCode UnknownEntity = new(
        "QueryBuilderNoEntity", 0x80041102, "unverified");

    public static readonly ErrorCode IsvUnexpected = new(
        "IsvUnExpected", 0x80040224, "unverified: message text from dataverse.md §1.4, code not checked");

    public static readonly ErrorCode InfiniteLoop = new(
        "SdkCorrelationTokenDepthTooHigh", 0x80044182, "unverified: depth > 8 rule from dataverse.md §1.5, code not checked");

    public static readonly ErrorCode InvalidArgument = new(
        "InvalidArgument", 0x80040203, "unverified");

    public static readonly ErrorCode InvalidStateTransition = new(
        "InvalidStateCodeStatusCode", 0x8004431a, "unverified");

    public static readonly ErrorCode InvalidAttributeValueType = new(
        "InvalidAttributeValueType", 0x80040203, "unverified: message text from dataverse.md §9 item 3 (community)");

    public static readonly ErrorCode ExecuteMultipleBatchSizeExceeded = new(
        "ExecuteMultipleBatchSizeExceeded", 0x8004800d, "unverified: the 1,000-request limit is documented, the code is not checked");

    public static readonly ErrorCode ExecuteMultipleNested = new(
        "ExecuteMultipleNested", 0x8004800b, "unverified");

    public static readonly ErrorCode RequiredParameterMissing = new(
        "CustomApiRequiredParameterMissing", 0x80040203, "unverified: the rule is dataverse.md §9 item 27, the code is not checked");

    public static readonly ErrorCode CustomApiResponseMissing = new(
        "CustomApiResponsePropertyMissing", 0x80040265, "unverified");

    public static readonly ErrorCode ListMemberTypeMismatch = new(
        "ListMemberTypeMismatch", 0x80040203, "unverified: rule from dataverse.md §6.6 (community), code not checked");

    public static readonly ErrorCode OperationNotSupported = new(
        "OperationNotSupported", 0x80040203, "unverified");

    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        ObjectDoesNotExist, DuplicateRecord, IsvAborted, ConcurrencyVersionMismatch, StringLengthOrValueOutOfRange,
        ThrottlingRequests, ThrottlingTime, ThrottlingConcurrency, UnknownAttribute, UnknownEntity, IsvUnexpected,
        InfiniteLoop, InvalidArgument, InvalidStateTransition, InvalidAttributeValueType, ExecuteMultipleBatchSizeExceeded,
        ExecuteMultipleNested, RequiredParameterMissing, CustomApiResponseMissing, ListMemberTypeMismatch, OperationNotSupported,
    ];
}
