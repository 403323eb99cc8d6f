using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EmailConnector.Platforms.Dotdigital.Double.State;
using Microsoft.AspNetCore.Http;

namespace EmailConnector.Platforms.Dotdigital.Double.Endpoints;

/// <summary>The vendor's JSON shapes and the plumbing every endpoint shares.</summary>
internal static class Wire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Runs <paramref name="action"/> under the state's lock and writes its answer (or the vendor error it threw).</summary>
    public static IResult Run(DoubleState state, Func<object?> action, int status = 200) =>
        RunWithStatus(state, () => (action(), status));

    /// <summary>As <see cref="Run"/>, for operations whose status depends on what happened (an upsert: 200 or 201).</summary>
    public static IResult RunWithStatus(DoubleState state, Func<(object? Body, int Status)> action)
    {
        try
        {
            (object? Body, int Status) result;
            lock (state.Gate)
            {
                state.ProcessDue();
                result = action();
            }
            return result.Body is null ? Results.StatusCode(result.Status) : Results.Json(result.Body, Json, statusCode: result.Status);
        }
        catch (DoubleError e)
        {
            return Results.Json(e.Body, Json, statusCode: e.Status);
        }
    }

    public static async Task<JsonObject> BodyAsync(HttpRequest request)
    {
        var node = await JsonNode.ParseAsync(request.Body).ConfigureAwait(false);
        return node as JsonObject ?? throw DoubleError.V2(400, "The request body must be a JSON object. ERROR_INVALID_REQUEST");
    }

    public static async Task<JsonArray> ArrayBodyAsync(HttpRequest request)
    {
        var node = await JsonNode.ParseAsync(request.Body).ConfigureAwait(false);
        return node as JsonArray ?? throw DoubleError.V2(400, "The request body must be a JSON array. ERROR_INVALID_REQUEST");
    }

    /// <summary>v2 paging: select 1–<paramref name="max"/> (default <paramref name="max"/>), skip ≥ 0, order stable by id.</summary>
    public static List<T> Page<T>(IEnumerable<T> rows, HttpRequest request, int max = 1000)
    {
        var select = Int(request, "select") ?? max;
        var skip = Int(request, "skip") ?? 0;
        if (select < 1 || select > max)
            throw DoubleError.V2(400, $"select must be between 1 and {max}. ERROR_PARAMETER_INVALID");
        if (skip < 0)
            throw DoubleError.V2(400, "skip must not be negative. ERROR_PARAMETER_INVALID");
        return rows.Skip(skip).Take(select).ToList();
    }

    public static DateTimeOffset Date(string text) =>
        DateTimeOffset.TryParse(Uri.UnescapeDataString(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw DoubleError.V2(400, "The date is not valid. ERROR_PARAMETER_INVALID");

    public static object V2Contact(DoubleState state, Contact contact) => new
    {
        id = contact.Id,
        email = contact.Email,
        optInType = "Single",
        emailType = "Html",
        dataFields = contact.DataFields.Select(f => new { key = f.Key, value = f.Value }).ToList(),
        status = contact.Status,
    };

    public static object Suppression(DoubleState state, SuppressionRow row) => new
    {
        suppressedContact = state.Contacts.TryGetValue(row.ContactId, out var contact)
            ? V2Contact(state, contact)
            : new { id = row.ContactId, email = row.Email, status = row.Reason }, // erased: the address stays for the opt-out
        dateRemoved = row.DateRemoved,
        reason = row.Reason,
    };

    public static object Book(DoubleState state, AddressBook book) => new
    {
        id = book.Id,
        name = book.Name,
        visibility = book.Visibility,
        contacts = state.Contacts.Values.Count(c => c.Lists.TryGetValue(book.Id, out var m) && m.Status == "subscribed"),
    };

    public static object Campaign(Campaign campaign) => new
    {
        id = campaign.Id,
        name = campaign.Name,
        subject = campaign.Subject,
        fromName = campaign.FromName,
        fromAddress = new { id = 1, email = campaign.FromAddress },
        htmlContent = campaign.HtmlContent,
        plainTextContent = campaign.PlainTextContent,
        replyAction = campaign.ReplyAction,
        replyToAddress = campaign.ReplyToAddress,
        isSplitTest = false,
        status = campaign.Status,
    };

    public static object Send(DoubleState state, SendJob job) => new
    {
        id = job.Id,
        campaignId = job.CampaignId,
        addressBookIds = job.Books,
        contactIds = Array.Empty<int>(),
        sendDate = job.SendDate,
        status = state.SendStatus(job),
    };

    public static object V3Contact(DoubleState state, Contact contact) => new
    {
        contactId = contact.Id,
        status = contact.Status switch
        {
            "Subscribed" or "SoftBounced" => "subscribed",
            "Unsubscribed" => "unsubscribed",
            "PendingOptIn" => "pendingOptIn",
            _ => "suppressed",
        },
        created = contact.Created,
        updated = contact.Updated,
        identifiers = state.Identifiers(contact),
        dataFields = contact.DataFields,
        channelProperties = new
        {
            email = new
            {
                emailType = "Html",
                optInType = "Single",
                status = contact.Status switch
                {
                    "Subscribed" => "subscribed",
                    "Unsubscribed" => "unsubscribed",
                    "SoftBounced" => "softBounced",
                    "HardBounced" => "hardBounced",
                    "IspComplained" => "ispComplained",
                    "DirectComplaint" => "directComplaint",
                    "PendingOptIn" => "pendingOptIn",
                    _ => "suppressed",
                },
            },
        },
        lists = contact.Lists.Where(l => state.Books.ContainsKey(l.Key)).Select(l => new { id = l.Key, name = state.Books[l.Key].Name, status = l.Value.Status }).ToList(),
    };

    private static int? Int(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values)
            ? int.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw DoubleError.V2(400, $"{name} must be a number. ERROR_PARAMETER_INVALID")
            : null;
}
