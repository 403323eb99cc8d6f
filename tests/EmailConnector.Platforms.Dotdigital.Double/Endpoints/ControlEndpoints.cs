using EmailConnector.Platforms.Dotdigital.Double.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EmailConnector.Platforms.Dotdigital.Double.Endpoints;

/// <summary>
/// The double's own API under <c>/_control</c> (no vendor path, no auth, no limits, no validation): seed data, advance
/// time, script reactions and imports, inject faults, change the account and the limits, read what happened.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_control";

    public static void Map(IEndpointRouteBuilder app, DotdigitalDouble host)
    {
        var s = host.State;
        var control = app.MapGroup(Prefix);

        control.MapPost("/send", (SendScript send) => Wire.Run(s, () =>
        {
            // What a marketer does in the app: a campaign with the mandatory unsubscribe link, sent to one address book.
            var campaign = s.CreateCampaign($"Double campaign {s.Campaigns.Count + 1}", send.Subject ?? "News", "Double", "news@double.example",
                "<p>Hello</p><a href=\"$UNSUB$\">Unsubscribe</a>", "Hello $UNSUB$", "Unset", null);
            var job = s.Send(campaign.Id, send.AddressBookIds, send.SendDate);
            return new { campaignId = campaign.Id, sendId = job.Id };
        }));
        control.MapPost("/reactions", (ReactionScript reaction) => Wire.Run(s, () =>
        {
            s.React(reaction);
            return new { ok = true };
        }));
        control.MapPost("/signups", (SignUpScript signUp) => Wire.Run(s, () => new { contactId = s.SignUp(signUp.AddressBookId, signUp.Email, signUp.Fields ?? []).Id }));
        control.MapPost("/contacts", (SeedContact seed) => Wire.Run(s, () =>
        {
            var contact = s.ByEmail(seed.Email) ?? s.NewContact(seed.Email);
            foreach (var (name, value) in seed.DataFields ?? [])
            {
                s.DataFields.TryAdd(name, new DataField { Name = name });
                s.SetField(contact, name, value);
            }
            foreach (var book in seed.AddressBookIds ?? [])
                contact.Lists[book] = new Membership { Status = "subscribed", Since = s.Now };
            if (seed.Status is { } status && status != "Subscribed")
                s.UnsubscribeFromAccount(contact.Email, status);
            return new { contactId = contact.Id };
        }));
        control.MapPost("/imports/next", (ImportScript script) => Wire.Run(s, () =>
        {
            s.NextImport = script;
            return new { ok = true };
        }));
        control.MapPost("/account", (AccountScript account) => Wire.Run(s, () =>
        {
            s.SendNotPermitted = account.SendNotPermitted;
            s.RequireSystemApproval = account.RequireSystemApproval;
            return new { ok = true };
        }));
        control.MapPost("/faults", (FaultRule rule) =>
        {
            host.Faults.Add(rule);
            return Results.Ok(new { ok = true });
        });
        control.MapPost("/limits", (LimitsScript limits) =>
        {
            lock (s.Gate)
            {
                s.Options.TieredLimits = limits.Tiered;
                s.Options.FlatLimitPerHour = limits.FlatPerHour;
                s.Options.ResetAsEpoch = limits.ResetAsEpoch;
                s.Options.LowerCaseHeaders = limits.LowerCaseHeaders;
            }
            return Results.Ok(new { ok = true });
        });
        control.MapPost("/time/advance", (AdvanceScript advance) =>
        {
            if (host.Clock is not AdjustableClock clock)
                return Results.BadRequest(new { message = "The double runs on an injected clock; advance that one." });
            clock.Advance(TimeSpan.FromSeconds(advance.Seconds));
            return Results.Ok(new { now = clock.GetUtcNow() });
        });
        control.MapGet("/violations", () => Results.Ok(new { validation = host.ValidationStatus, violations = host.Violations.Select(v => v.ToString()) }));
        control.MapGet("/stats", () => Results.Ok(new
        {
            requests = host.Statistics.Requests,
            throttled = host.Statistics.Throttled,
            legacyThrottled = host.Statistics.LegacyThrottled,
            faults = host.Statistics.Faults,
            byRoute = host.Statistics.RequestsByRoute,
        }));
    }

    public sealed record SendScript(IReadOnlyList<int> AddressBookIds, string? Subject = null, DateTimeOffset? SendDate = null);

    public sealed record SignUpScript(int AddressBookId, string Email, Dictionary<string, string?>? Fields);

    public sealed record SeedContact(string Email, Dictionary<string, string?>? DataFields, IReadOnlyList<int>? AddressBookIds, string? Status);

    public sealed record AccountScript(bool SendNotPermitted, bool RequireSystemApproval);

    public sealed record LimitsScript(TierLimits? Tiered, int? FlatPerHour, bool ResetAsEpoch, bool LowerCaseHeaders);

    public sealed record AdvanceScript(double Seconds);
}
