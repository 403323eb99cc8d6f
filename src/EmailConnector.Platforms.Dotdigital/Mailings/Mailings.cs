using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmailConnector.Core.Mapping;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Dotdigital.Api;

namespace EmailConnector.Platforms.Dotdigital.Mailings;

/// <summary>
/// Sending from CRM and the key figures. Neither <c>POST /v2/campaigns</c> nor <c>POST /v2/campaigns/send</c> is
/// idempotent (a repeated send mails everyone twice), so the mailing key is written into the campaign name and every
/// step looks at the platform before acting: an existing campaign is reused, and a campaign already sent (or
/// scheduled) to the address book is never sent again.
/// </summary>
internal sealed class Mailings(DotdigitalContext context)
{
    private const string SendOperation = "SendMailing";
    private readonly ConcurrentDictionary<string, int> _campaignOfKey = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<MailingHandle> SendAsync(MailingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = DotdigitalContext.ParseListId(request.ListId, SendOperation);
        var marker = Marker(request.Key);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var campaign = await FindAsync(request.Key, marker, cancellationToken).ConfigureAwait(false);
            if (campaign is { Id: { } existingId })
            {
                if (await SentToAsync(existingId, list, cancellationToken).ConfigureAwait(false))
                {
                    Log.MailingFound(context.Logger, marker, existingId);
                    return new MailingHandle(Id(existingId), StatusOf(campaign.Status), false);
                }
            }
            else
            {
                campaign = await CreateAsync(request, marker, cancellationToken).ConfigureAwait(false);
            }
            var campaignId = campaign.Id!.Value;
            _campaignOfKey[request.Key] = campaignId;
            var send = await SendOnceAsync(campaignId, list, request.SendAt, cancellationToken).ConfigureAwait(false);
            return new MailingHandle(Id(campaignId), StatusOf(send), true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The campaign as authored (<c>GET /v2/campaigns/{id}</c>): Dotdigital personalises and tracks at send time, so
    /// its stored HTML is already the impersonal copy, with personalisation tags (<c>@FIRSTNAME@</c>) and system tags
    /// (<c>$UNSUB$</c>) as tags and links at their own targets. Null for an id Dotdigital does not know.
    /// </summary>
    public async Task<MailingContent?> ContentAsync(string mailingId, CancellationToken cancellationToken)
    {
        const string operation = "GetMailingContent";
        ArgumentException.ThrowIfNullOrWhiteSpace(mailingId);
        if (!int.TryParse(mailingId, NumberStyles.None, CultureInfo.InvariantCulture, out var campaignId))
            return null;
        var response = await context.Api.SendAsync(HttpMethod.Get, $"v2/campaigns/{campaignId}", "GET v2/campaigns/{id}", null, true, operation, cancellationToken).ConfigureAwait(false);
        if (response.IsNotFound)
            return null;
        if (!response.IsSuccess)
            throw response.ToException(operation);
        var campaign = response.Read<ApiCampaign>();
        return new MailingContent(campaign.Subject, campaign.FromAddress?.Email, campaign.FromName,
            string.IsNullOrWhiteSpace(campaign.HtmlContent) ? null : campaign.HtmlContent);
    }

    /// <summary>The summed <c>GET /v2/campaigns/{id}/summary</c> of every campaign sent to the address book.</summary>
    public async Task<KeyFigures> KeyFiguresAsync(string listId, CancellationToken cancellationToken)
    {
        const string operation = "GetKeyFigures";
        var list = DotdigitalContext.ParseListId(listId, operation);
        var figures = new KeyFigures();
        for (var skip = 0; ; skip += 1000)
        {
            var campaigns = await context.Api.GetAsync<List<ApiCampaign>>($"v2/address-books/{list}/campaigns?select=1000&skip={skip}",
                "GET v2/address-books/{id}/campaigns", operation, cancellationToken).ConfigureAwait(false);
            foreach (var campaign in campaigns.Where(c => c.Id is not null))
            {
                var s = await context.Api.GetAsync<ApiCampaignSummary>($"v2/campaigns/{campaign.Id}/summary", "GET v2/campaigns/{id}/summary", operation, cancellationToken).ConfigureAwait(false);
                figures = figures with
                {
                    Sent = figures.Sent + s.NumTotalSent,
                    Delivered = figures.Delivered + s.NumTotalDelivered,
                    Opens = figures.Opens + s.NumTotalOpens,
                    UniqueOpens = figures.UniqueOpens + s.NumTotalUniqueOpens,
                    Clicks = figures.Clicks + s.NumTotalClicks,
                    UniqueClicks = figures.UniqueClicks + s.NumRecipientsClicked,
                    HardBounces = figures.HardBounces + s.NumTotalHardBounces,
                    SoftBounces = figures.SoftBounces + s.NumTotalSoftBounces,
                    BlockedBounces = figures.BlockedBounces + s.NumTotalMailBlocks,
                    Unsubscribes = figures.Unsubscribes + s.NumTotalUnsubscribes,
                    Complaints = figures.Complaints + s.NumTotalIspComplaints,
                    Replies = figures.Replies + s.NumTotalReplies,
                    Forwards = figures.Forwards + s.NumForwards + s.NumTextForwards,
                    FirstSentAt = s.NumTotalSent == 0 || s.DateSent is null ? figures.FirstSentAt
                        : figures.FirstSentAt is { } first && first < s.DateSent ? first : s.DateSent,
                };
            }
            if (campaigns.Count < 1000)
                return figures;
        }
    }

    private async Task<ApiCampaign?> FindAsync(string key, string marker, CancellationToken cancellationToken)
    {
        if (_campaignOfKey.TryGetValue(key, out var known))
            return await context.Api.GetAsync<ApiCampaign>($"v2/campaigns/{known}", "GET v2/campaigns/{id}", SendOperation, cancellationToken).ConfigureAwait(false);
        for (var skip = 0; ; skip += 1000)
        {
            var page = await context.Api.GetAsync<List<ApiCampaign>>($"v2/campaigns?select=1000&skip={skip}", "GET v2/campaigns", SendOperation, cancellationToken).ConfigureAwait(false);
            var found = page.FirstOrDefault(c => c.Name.EndsWith(marker, StringComparison.Ordinal));
            if (found is not null || page.Count < 1000)
                return found;
        }
    }

    private async Task<ApiCampaign> CreateAsync(MailingRequest request, string marker, CancellationToken cancellationToken)
    {
        var html = request.HtmlBody.Contains("$UNSUB$", StringComparison.Ordinal) ? request.HtmlBody : request.HtmlBody + context.Options.UnsubscribeFooterHtml;
        var text = request.TextBody ?? TextRules.StripMarkup(request.HtmlBody);
        if (!text.Contains("$UNSUB$", StringComparison.Ordinal))
            text = text + "\n\n" + context.Options.UnsubscribeFooterText;
        var campaign = new ApiCampaign
        {
            Name = TextRules.Truncate(TextRules.ToSingleLine(request.Subject), 255 - marker.Length - 1) + " " + marker,
            Subject = request.Subject,
            FromName = string.IsNullOrWhiteSpace(request.FromName) ? request.FromAddress.Split('@')[0] : request.FromName,
            FromAddress = new ApiCampaignFromAddress { Email = request.FromAddress },
            HtmlContent = html,
            PlainTextContent = text,
            ReplyAction = request.ReplyToAddress is null ? "Unset" : "WebMailForward",
            ReplyToAddress = request.ReplyToAddress,
        };
        try
        {
            var response = await context.Api.SendAsync(HttpMethod.Post, "v2/campaigns", "POST v2/campaigns", campaign, false, SendOperation, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
                throw response.ToException(SendOperation);
            return response.Read<ApiCampaign>();
        }
        catch (PlatformTransientException e) when (e is not PlatformThrottledException)
        {
            // A lost answer may hide a created campaign: find it by its key before the worker tries again.
            if (await FindAsync(request.Key, marker, cancellationToken).ConfigureAwait(false) is { } found)
                return found;
            throw;
        }
    }

    private async Task<string?> SendOnceAsync(int campaignId, int list, DateTimeOffset? sendAt, CancellationToken cancellationToken)
    {
        // An empty addressBookIds means "All Contacts" at Dotdigital: the list is always named.
        var send = new ApiCampaignSend { CampaignId = campaignId, AddressBookIds = [list], SendDate = sendAt };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await context.Api.SendAsync(HttpMethod.Post, "v2/campaigns/send", "POST v2/campaigns/send", send, false, SendOperation, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccess)
                {
                    var sent = response.Read<ApiCampaignSend>();
                    Log.MailingSent(context.Logger, campaignId, list.ToString(CultureInfo.InvariantCulture), sent.Id ?? "?");
                    return sent.Status;
                }
                throw response.ToException(SendOperation);
            }
            catch (PlatformTransientException e) when (e is not PlatformThrottledException)
            {
                Log.SendUnanswered(context.Logger, campaignId);
                if (await SentToAsync(campaignId, list, cancellationToken).ConfigureAwait(false))
                    return "Sending";
                if (attempt >= 2)
                    throw;
            }
        }
    }

    private async Task<bool> SentToAsync(int campaignId, int list, CancellationToken cancellationToken)
    {
        var books = await context.Api.GetAsync<List<ApiAddressBook>>($"v2/campaigns/{campaignId}/address-books?select=1000&skip=0",
            "GET v2/campaigns/{id}/address-books", SendOperation, cancellationToken).ConfigureAwait(false);
        return books.Any(b => b.Id == list);
    }

    private static MailingStatus StatusOf(string? status) => status switch
    {
        "Scheduled" or "NotSent" or "Unsent" => MailingStatus.Scheduled,
        "Sent" => MailingStatus.Sent,
        "Cancelled" => MailingStatus.Cancelled,
        _ => MailingStatus.Sending,
    };

    private static string Id(int campaignId) => campaignId.ToString(CultureInfo.InvariantCulture);

    // The key in the campaign name: hashed, because keys may be long and the name is shown to marketers.
    private static string Marker(string key) =>
        "[ec:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16] + "]";
}
