using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EmailConnector.Platforms.Dotdigital.Double.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EmailConnector.Platforms.Dotdigital.Double.Endpoints;

/// <summary>The v3 Contacts operations: list with filters and markers, get/patch/delete by identifier, bulk import.</summary>
internal static partial class V3Endpoints
{
    public static void Map(IEndpointRouteBuilder app, DoubleState s)
    {
        app.MapGet("/contacts/v3", (HttpRequest r) => Wire.Run(s, () =>
        {
            var limit = r.Query.TryGetValue("limit", out var l) ? int.Parse(l.ToString(), CultureInfo.InvariantCulture) : 1000;
            if (limit is < 1 or > 5000)
                throw DoubleError.V3(400, "contacts:invalidLimit", "limit must be between 1 and 5000");
            IEnumerable<Contact> contacts = s.Contacts.Values;
            foreach (var (name, select) in new (string, Func<Contact, DateTimeOffset>)[] { ("~created", c => c.Created), ("~modified", c => c.Updated) })
            {
                if (!r.Query.TryGetValue(name, out var filter))
                    continue;
                var match = Filter().Match(filter.ToString());
                if (!match.Success)
                    throw DoubleError.V3(400, "contacts:invalidFilter", $"The filter value '{filter}' is invalid");
                var since = DateTimeOffset.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                contacts = contacts.Where(c => select(c) >= since);
            }
            if (r.Query.TryGetValue("~listId", out var listId))
            {
                var id = int.Parse(listId.ToString(), CultureInfo.InvariantCulture);
                contacts = contacts.Where(c => c.Lists.TryGetValue(id, out var m) && m.Status == "subscribed");
            }
            var after = 0L;
            if (r.Query.TryGetValue("marker", out var marker))
                after = DecodeMarker(marker.ToString());
            var rows = contacts.Where(c => c.Id > after).Take(limit + 1).ToList();
            var more = rows.Count > limit;
            var page = rows.Take(limit).ToList();
            var links = new Dictionary<string, object>
            {
                ["self"] = new { marker = marker.Count > 0 ? marker.ToString() : EncodeMarker(0), link = r.Path + r.QueryString },
                ["first"] = new { marker = EncodeMarker(0), link = $"{r.Path}?marker={Uri.EscapeDataString(EncodeMarker(0))}&limit={limit}" },
            };
            if (more)
            {
                var next = EncodeMarker(page[^1].Id);
                links["next"] = new { marker = next, link = $"{r.Path}?marker={Uri.EscapeDataString(next)}&limit={limit}" };
            }
            return new Dictionary<string, object> { ["_links"] = links, ["_items"] = page.Select(c => Wire.V3Contact(s, c)).ToList() };
        }));

        app.MapGet("/contacts/v3/{identifier}/{value}", (string identifier, string value) => Wire.Run(s, () =>
        {
            var contact = s.ByIdentifier(identifier, Uri.UnescapeDataString(value))
                ?? throw DoubleError.V3(404, "contacts:contactNotFound", "The following contacts could not be found");
            return Wire.V3Contact(s, contact);
        }));
        app.MapMethods("/contacts/v3/{identifier}/{value}", ["PATCH"], async (string identifier, string value, HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            var mergeOption = r.Query.TryGetValue("merge-option", out var m) ? m.ToString() : "overwrite";
            return Wire.RunWithStatus(s, () =>
            {
                var (contact, created) = s.Patch(identifier, Uri.UnescapeDataString(value), body, mergeOption);
                return (Wire.V3Contact(s, contact), created ? 201 : 200);
            });
        });
        app.MapDelete("/contacts/v3/{identifier}/{value}", (string identifier, string value) => Wire.Run(s, () =>
            new { contactId = s.Delete(identifier, Uri.UnescapeDataString(value)).Id }));

        app.MapPut("/contacts/v3/import", async (HttpRequest r) =>
        {
            var body = await Wire.BodyAsync(r);
            return Wire.Run(s, () => new { importId = s.Import(body).Id }, 202);
        });
        app.MapGet("/contacts/v3/import/{importId}", (string importId) => Wire.Run(s, () => s.PollImport(importId)));
    }

    private static string EncodeMarker(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes("after:" + id.ToString(CultureInfo.InvariantCulture)));

    private static long DecodeMarker(string marker)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(marker));
            if (text.StartsWith("after:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return id;
        }
        catch (FormatException)
        {
            // falls through to the vendor's error
        }
        throw DoubleError.V3(400, "contacts:invalidMarker", "The marker value is invalid");
    }

    [GeneratedRegex(@"^gte::(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)$")]
    private static partial Regex Filter();
}
