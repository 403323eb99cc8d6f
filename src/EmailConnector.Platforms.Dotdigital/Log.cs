using Microsoft.Extensions.Logging;

namespace EmailConnector.Platforms.Dotdigital;

// Event ids 2000–2999. Messages carry ids, routes, counts and record references (table:id), never addresses, names
// or content.
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Dotdigital account endpoint discovered: {Endpoint}")]
    public static partial void EndpointDiscovered(ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Dotdigital throttled {Route} (legacy scheme: {Legacy}); waiting {WaitSeconds:0.###} s")]
    public static partial void Throttled(ILogger logger, string route, bool legacy, double waitSeconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Dotdigital call {Route} failed transiently ({Reason}); retry {Attempt} in {WaitSeconds:0.###} s")]
    public static partial void TransientRetry(ILogger logger, string route, int attempt, double waitSeconds, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Dotdigital rate-limit tier {Scope} used up; holding requests for {WaitSeconds:0.###} s")]
    public static partial void RateLimitWait(ILogger logger, string scope, double waitSeconds);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Address book {AddressBookId} created for {Key}")]
    public static partial void AddressBookCreated(ILogger logger, int addressBookId, string key);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Address book {AddressBookId} found again for {Key} after an unanswered create")]
    public static partial void AddressBookRecovered(ILogger logger, int addressBookId, string key);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Debug, Message = "Address book name taken; trying variant {Variant} for {Key}")]
    public static partial void AddressBookNameTaken(ILogger logger, int variant, string key);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Dotdigital data field {Field} created")]
    public static partial void DataFieldCreated(ILogger logger, string field);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Information, Message = "Import {ImportId} started: {Count} recipients into address book {ListId}")]
    public static partial void ImportStarted(ILogger logger, string importId, int count, string listId);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Information, Message = "Import {ImportId} ended {Status}: {Created} created, {Updated} updated, {Rejected} rejected")]
    public static partial void ImportEnded(ILogger logger, string importId, string status, int created, int updated, int rejected);

    [LoggerMessage(EventId = 2032, Level = LogLevel.Information, Message = "Import batch of {Count} recipients is {Bytes} bytes, above the vendor's limit; splitting it")]
    public static partial void ImportSplit(ILogger logger, int count, int bytes);

    [LoggerMessage(EventId = 2040, Level = LogLevel.Information, Message = "Mailing {Key} already exists as campaign {CampaignId}; not sending again")]
    public static partial void MailingFound(ILogger logger, string key, int campaignId);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Information, Message = "Campaign {CampaignId} sent to address book {ListId} (send {SendId})")]
    public static partial void MailingSent(ILogger logger, int campaignId, string listId, string sendId);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Warning, Message = "Send of campaign {CampaignId} went unanswered; checking the platform before deciding to repeat it")]
    public static partial void SendUnanswered(ILogger logger, int campaignId);

    [LoggerMessage(EventId = 2050, Level = LogLevel.Debug, Message = "Feed {Feed}: {Count} events, more: {HasMore}")]
    public static partial void FeedPage(ILogger logger, string feed, int count, bool hasMore);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Debug, Message = "Feed {Feed}: contact {ContactId} has no CRM record; its events are not ours")]
    public static partial void ContactWithoutRecord(ILogger logger, string feed, long contactId);

    [LoggerMessage(EventId = 2060, Level = LogLevel.Information, Message = "{Change} for {Record}: {Outcome}")]
    public static partial void ContactChanged(ILogger logger, string change, string record, string outcome);
}
