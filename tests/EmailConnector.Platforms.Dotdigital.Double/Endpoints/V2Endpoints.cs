using EmailConnector.Platforms.Dotdigital.Double.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EmailConnector.Platforms.Dotdigital.Double.Endpoints;

/// <summary>The v2 operations the adapter and the scenarios use, at the vendor's paths.</summary>
internal static class V2Endpoints
{
    public static void Map(IEndpointRouteBuilder app, DoubleState s, Func<string> apiEndpoint)
    {
        app.MapGet("/v2/account-info", () => Wire.Run(s, () => new
        {
            id = 1,
            properties = new[]
            {
                new { name = "Name", type = "String", value = "Double account" },
                new { name = "ApiEndpoint", type = "String", value = apiEndpoint() },
            },
        }));
        app.MapGet("/v2/server-time", () => Wire.Run(s, () => s.Now));

        app.MapGet("/v2/data-fields", () => Wire.Run(s, () => s.DataFields.Values.Select(f => new { name = f.Name, type = f.Type, visibility = f.Visibility }).ToList()));
        app.MapPost("/v2/data-fields", async (HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            return Wire.Run(s, () =>
            {
                var name = body["name"]!.GetValue<string>();
                if (s.DataFields.ContainsKey(name))
                    throw DoubleError.V2(400, "A data field with this name already exists. ERROR_NON_UNIQUE_DATAFIELD");
                s.DataFields[name] = new DataField { Name = name, Type = body["type"]?.GetValue<string>() ?? "String", Visibility = body["visibility"]?.GetValue<string>() ?? "Private" };
                return null;
            }, 201);
        });

        app.MapGet("/v2/address-books", (HttpRequest r) => Wire.Run(s, () => Wire.Page(s.Books.Values, r).Select(b => Wire.Book(s, b)).ToList()));
        app.MapPost("/v2/address-books", async (HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            return Wire.Run(s, () => Wire.Book(s, s.CreateBook(body["name"]!.GetValue<string>(), body["visibility"]?.GetValue<string>())), 201);
        });
        app.MapGet("/v2/address-books/{id:int}", (int id) => Wire.Run(s, () => Wire.Book(s, s.Book(id))));
        app.MapGet("/v2/address-books/{id:int}/campaigns", (int id, HttpRequest r) => Wire.Run(s, () =>
        {
            s.Book(id);
            return Wire.Page(s.Campaigns.Values.Where(c => c.Books.Contains(id)), r).Select(Wire.Campaign).ToList();
        }));
        app.MapPost("/v2/address-books/{id:int}/contacts", async (int id, HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            return Wire.Run(s, () =>
            {
                s.WritableBook(id);
                var email = body["email"]!.GetValue<string>();
                if (!DoubleState.LooksLikeEmail(email))
                    throw DoubleError.V2(400, "Email is not valid. ERROR_CONTACT_INVALID");
                var contact = s.ByEmail(email);
                if ((contact is not null && contact.IsOptedOut) || s.IsEmailSuppressed(email))
                    throw DoubleError.V2(400, "Contact is suppressed. ERROR_CONTACT_SUPPRESSED");
                contact ??= s.NewContact(email);
                foreach (var field in body["dataFields"]?.AsArray() ?? [])
                    s.SetField(contact, field!["key"]!.GetValue<string>(), DoubleState.Text(field["value"]));
                if (!contact.Lists.TryGetValue(id, out var m) || m.Status != "suppressed")
                    contact.Lists[id] = new Membership { Status = "subscribed", Since = s.Now };
                return Wire.V2Contact(s, contact);
            });
        });
        app.MapPost("/v2/address-books/{id:int}/contacts/unsubscribe", async (int id, HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            return Wire.Run(s, () =>
            {
                var contact = s.UnsubscribeFromBook(id, body["email"]!.GetValue<string>());
                return Wire.Suppression(s, s.Suppressions.Last(x => x.ContactId == contact.Id && x.ListId == id));
            });
        });
        app.MapGet("/v2/address-books/{id:int}/contacts/unsubscribed-since/{date}", (int id, string date, HttpRequest r) => Wire.Run(s, () =>
        {
            s.Book(id);
            var since = Wire.Date(date);
            return Wire.Page(s.Suppressions.Where(x => x.ListId == id && x.DateRemoved >= since && x.VisibleAt <= s.Now), r).Select(x => Wire.Suppression(s, x)).ToList();
        }));
        foreach (var (suffix, noChallenge) in new[] { ("resubscribe", false), ("resubscribe-with-no-challenge", true) })
        {
            app.MapPost($"/v2/address-books/{{id:int}}/contacts/{suffix}", async (int id, HttpRequest r) =>
            {
                var body = await Wire.BodyAsync(r);
                return Wire.Run(s, () => Resubscribed(s, body["unsubscribedContact"]!["email"]!.GetValue<string>(), noChallenge, id));
            });
            app.MapPost($"/v2/contacts/{suffix}", async (HttpRequest r) =>
            {
                var body = await Wire.BodyAsync(r);
                return Wire.Run(s, () => Resubscribed(s, body["unsubscribedContact"]!["email"]!.GetValue<string>(), noChallenge, null));
            });
        }

        app.MapPost("/v2/contacts/unsubscribe", async (HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            return Wire.Run(s, () =>
            {
                var email = body["email"]!.GetValue<string>();
                if (!DoubleState.LooksLikeEmail(email))
                    throw DoubleError.V2(400, "Email is not valid. ERROR_CONTACT_INVALID");
                var contact = s.UnsubscribeFromAccount(email);
                return Wire.Suppression(s, s.Suppressions.Last(x => x.ContactId == contact.Id && x.ListId is null));
            });
        });
        app.MapPut("/v2/contacts/suppress-contacts", async (HttpRequest r) =>
        {
            var body = await Wire.ArrayBodyAsync(r);
            return Wire.Run(s, () =>
            {
                var suppressed = new List<object>();
                var notFound = new List<object>();
                foreach (var item in body)
                {
                    var id = item!["id"]?.GetValue<long>();
                    var email = item["email"]?.GetValue<string>();
                    var contact = (id is { } i ? s.Contacts.GetValueOrDefault(i) : null) ?? (email is null ? null : s.ByEmail(email));
                    if (contact is null)
                    {
                        notFound.Add(new { id = id ?? 0, email });
                        continue;
                    }
                    s.UnsubscribeFromAccount(contact.Email, "Suppressed");
                    suppressed.Add(new { id = contact.Id, email = contact.Email });
                }
                return new { suppressed, notFound };
            });
        });
        app.MapGet("/v2/contacts/unsubscribed-since/{date}", (string date, HttpRequest r) => Wire.Run(s, () =>
        {
            var since = Wire.Date(date);
            return Wire.Page(s.Suppressions.Where(x => x.ListId is null && x.Reason == "Unsubscribed" && x.DateRemoved >= since && x.VisibleAt <= s.Now), r).Select(x => Wire.Suppression(s, x)).ToList();
        }));
        app.MapGet("/v2/contacts/suppressed-since/{date}", (string date, HttpRequest r) => Wire.Run(s, () =>
        {
            var since = Wire.Date(date);
            return Wire.Page(s.Suppressions.Where(x => x.ListId is null && x.DateRemoved >= since && x.VisibleAt <= s.Now), r).Select(x => Wire.Suppression(s, x)).ToList();
        }));
        app.MapGet("/v2/contacts/created-since/{date}", (string date, HttpRequest r) => Wire.Run(s, () =>
        {
            var since = Wire.Date(date);
            return Wire.Page(s.Contacts.Values.Where(c => c.Created >= since), r).Select(c => Wire.V2Contact(s, c)).ToList();
        }));

        app.MapGet("/v2/campaigns", (HttpRequest r) => Wire.Run(s, () => Wire.Page(s.Campaigns.Values, r).Select(Wire.Campaign).ToList()));
        app.MapPost("/v2/campaigns", async (HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            return Wire.Run(s, () =>
            {
                var campaign = s.CreateCampaign(
                    body["name"]!.GetValue<string>(), body["subject"]!.GetValue<string>(), body["fromName"]!.GetValue<string>(),
                    body["fromAddress"]?["email"]?.GetValue<string>(), body["htmlContent"]!.GetValue<string>(), body["plainTextContent"]!.GetValue<string>(),
                    body["replyAction"]?.GetValue<string>(), body["replyToAddress"]?.GetValue<string>());
                return Wire.Campaign(campaign);
            }, 201);
        });
        app.MapGet("/v2/campaigns/{id:int}", (int id) => Wire.Run(s, () => Wire.Campaign(s.CampaignById(id))));
        app.MapGet("/v2/campaigns/{id:int}/address-books", (int id, HttpRequest r) => Wire.Run(s, () =>
            Wire.Page(s.CampaignById(id).Books.Order().Select(b => s.Books[b]), r).Select(b => Wire.Book(s, b)).ToList()));
        app.MapGet("/v2/campaigns/with-activity-since/{date}", (string date, HttpRequest r) => Wire.Run(s, () =>
        {
            var since = Wire.Date(date);
            var active = s.Activities.Where(a => a.LastActivity >= since && a.LastActivity <= s.Now).Select(a => a.CampaignId).ToHashSet();
            return Wire.Page(s.Campaigns.Values.Where(c => active.Contains(c.Id)), r).Select(Wire.Campaign).ToList();
        }));
        app.MapPost("/v2/campaigns/send", async (HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            return Wire.Run(s, () =>
            {
                var books = body["addressBookIds"]?.AsArray().Select(n => n!.GetValue<int>()).ToList() ?? [];
                var sendDate = body["sendDate"] is { } d ? Wire.Date(d.GetValue<string>()) : (DateTimeOffset?)null;
                return Wire.Send(s, s.Send(body["campaignId"]!.GetValue<int>(), books, sendDate));
            }, 202);
        });
        app.MapGet("/v2/campaigns/send/{sendId}", (string sendId) => Wire.Run(s, () =>
            Guid.TryParse(sendId, out var id) && s.Sends.TryGetValue(id, out var job)
                ? Wire.Send(s, job)
                : throw DoubleError.V2(404, "Send not found. ERROR_CAMPAIGN_SEND_NOT_FOUND")));
        app.MapGet("/v2/campaigns/{id:int}/summary", (int id) => Wire.Run(s, () => s.Summary(id)));

        app.MapGet("/v2/campaigns/{id:int}/activities/since-date/{date}", (int id, string date, HttpRequest r) => Wire.Run(s, () =>
        {
            s.CampaignById(id);
            var since = Wire.Date(date);
            return Wire.Page(s.Activities.Where(a => a.CampaignId == id && a.LastActivity >= since && a.LastActivity <= s.Now), r).Select(a => new
            {
                contactId = a.ContactId, email = a.Email, numOpens = a.NumOpens, numPageViews = 0, numClicks = a.NumClicks, numForwards = 0,
                numEstimatedForwards = 0, numReplies = a.NumReplies, dateSent = a.DateSent, dateFirstOpened = a.FirstOpened, dateLastOpened = a.LastOpened,
                firstOpenIp = a.FirstOpenIp ?? string.Empty, unsubscribed = a.Unsubscribed, softBounced = a.SoftBounced, hardBounced = a.HardBounced,
            }).ToList();
        }));
        app.MapGet("/v2/campaigns/{id:int}/opens/since-date/{date}", (int id, string date, HttpRequest r) => Wire.Run(s, () =>
        {
            s.CampaignById(id);
            var since = Wire.Date(date);
            return Wire.Page(Visible(s, id, "open", since), r).Select(e => new
            {
                contactId = e.ContactId, email = e.Email, mailClient = e.MailClient, mailClientVersion = "1", ipAddress = e.IpAddress,
                userAgent = e.UserAgent, isHtml = true, isForward = e.IsForward, dateOpened = e.Date,
            }).ToList();
        }));
        app.MapGet("/v2/campaigns/{id:int}/clicks/since-date/{date}", (int id, string date, HttpRequest r) => Wire.Run(s, () =>
        {
            s.CampaignById(id);
            var since = Wire.Date(date);
            return Wire.Page(Visible(s, id, "click", since), r).Select(e => new
            {
                contactId = e.ContactId, email = e.Email, url = e.Url, ipAddress = e.IpAddress, userAgent = e.UserAgent, dateClicked = e.Date, keyword = "link",
            }).ToList();
        }));
        app.MapGet("/v2/campaigns/{id:int}/activities/{contactId:long}/replies", (int id, long contactId, HttpRequest r) => Wire.Run(s, () =>
        {
            s.CampaignById(id);
            // Replies come per contact only, at most five per call.
            return Wire.Page(s.Events.Where(e => e.CampaignId == id && e.ContactId == contactId && e.Kind == "reply" && e.VisibleAt <= s.Now).OrderBy(e => e.Seq), r, max: 5).Select(e => new
            {
                contactId = e.ContactId, email = e.Email, fromAddress = e.Email, toAddress = "replies@double.example", subject = "Re: campaign",
                message = "(reply body)", isHtml = false, dateReplied = e.Date, replyType = e.ReplyType,
            }).ToList();
        }));
        app.MapGet("/v2/campaigns/{id:int}/hard-bouncing-contacts", (int id, HttpRequest r) => Wire.Run(s, () =>
        {
            s.CampaignById(id);
            var ids = s.Activities.Where(a => a.CampaignId == id && a.HardBounced).Select(a => a.ContactId).ToHashSet();
            return Wire.Page(s.Contacts.Values.Where(c => ids.Contains(c.Id)), r).Select(c => Wire.V2Contact(s, c)).ToList();
        }));
    }

    private static IEnumerable<EventRow> Visible(DoubleState s, int campaign, string kind, DateTimeOffset since) =>
        s.Events.Where(e => e.CampaignId == campaign && e.Kind == kind && e.Date >= since && e.VisibleAt <= s.Now).OrderBy(e => e.Seq);

    private static object Resubscribed(DoubleState s, string email, bool noChallenge, int? book)
    {
        var status = s.Resubscribe(email, noChallenge, book);
        var contact = s.ByEmail(email);
        return new { contact = contact is null ? null : Wire.V2Contact(s, contact), status };
    }
}
