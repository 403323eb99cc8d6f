using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmailConnector.Platforms.Dotdigital.Double.State;

internal sealed partial class DoubleState
{
    /// <summary>v3 bulk import: applied at once, reported after <see cref="DotdigitalDoubleOptions.ImportPollsBeforeFinish"/> polls.</summary>
    public ImportJob Import(JsonObject body)
    {
        // An import is active until it has been polled to its end or has run for half a minute.
        if (Imports.Values.Count(j => j.PollsLeft > 0 && Now - j.Created < TimeSpan.FromSeconds(30)) >= Options.MaxActiveImports)
            throw DoubleError.V3(429, "contacts:tooManyActiveImports", "Your import request cannot be accepted as too many imports are being processed for you account. Please wait for an import to complete and then resubmit.");
        var mergeOption = body["mergeOption"]?.GetValue<string>() ?? "overwrite";
        var script = NextImport ?? new ImportScript();
        NextImport = null;

        var created = new List<object>();
        var updated = new List<object>();
        var failures = new List<object>();
        int suppressed = 0, invalid = 0, duplicates = 0;
        var seenValues = new HashSet<string>(StringComparer.Ordinal);
        var seenEmails = new HashSet<string>(StringComparer.Ordinal);
        var apply = script.Status is "Finished" or "Failed";

        foreach (var item in body["contacts"]!.AsArray())
        {
            var request = item!.AsObject();
            var matchIdentifier = request["matchIdentifier"]!.GetValue<string>();
            var identifiers = request["identifiers"]?.AsObject() ?? [];
            var matchValue = Text(identifiers[matchIdentifier]);
            var email = Text(identifiers["email"]);
            if (!matchIdentifier.Equals("email", StringComparison.OrdinalIgnoreCase) && !matchIdentifier.Equals("contactId", StringComparison.OrdinalIgnoreCase) && !IsCustomIdentifier(matchIdentifier))
                throw DoubleError.V3(400, "contacts:invalidIdentifier", $"The identifier '{matchIdentifier}' is not set up in this account");

            void Fail(string code, string description)
            {
                failures.Add(new { matchIdentifier, identifiers = Echo(identifiers), failures = new[] { new { failureCode = code, description } } });
            }

            if (matchValue is null)
            {
                invalid++;
                Fail("invalidIdentifier", $"No value for the match identifier '{matchIdentifier}'");
                continue;
            }
            if ((script.Failures.TryGetValue(matchValue, out var forced) || (email is not null && script.Failures.TryGetValue(email, out forced))) && forced is not null)
            {
                Fail(forced, $"Scripted failure '{forced}'");
                continue;
            }
            if (email is not null && !LooksLikeEmail(email))
            {
                invalid++;
                Fail("invalidEmail", "Invalid value for 'email'");
                continue;
            }
            if (!seenValues.Add(matchValue.ToUpperInvariant()) || (email is not null && !seenEmails.Add(Normalize(email))))
            {
                duplicates++;
                Fail("duplicateIdentifier", "Duplicate identifier detected in the import");
                continue;
            }
            if (!apply)
                continue;

            var contact = ByIdentifier(matchIdentifier, matchValue);
            var byEmail = email is null ? null : ByEmail(email);
            if (contact is null)
            {
                if ((byEmail is not null && byEmail.IsOptedOut) || (email is not null && IsEmailSuppressed(email)))
                {
                    suppressed++; // counted, not listed: the vendor's report says only how many
                    continue;
                }
                if (byEmail is not null)
                {
                    duplicates++;
                    Fail("duplicateIdentifier", "Duplicate identifier detected for email");
                    continue;
                }
                if (email is null)
                {
                    invalid++;
                    Fail("invalidEmail", "A new contact needs an email address");
                    continue;
                }
                contact = NewContact(email);
                ApplyIdentifiers(contact, identifiers);
                ApplyFields(contact, request["dataFields"]?.AsObject(), "overwrite");
                ApplyLists(contact, request["lists"]?.AsArray());
                created.Add(Reference(contact));
                continue;
            }
            if (contact.IsOptedOut)
            {
                suppressed++;
                continue;
            }
            if (byEmail is not null && byEmail.Id != contact.Id)
            {
                duplicates++;
                Fail("duplicateIdentifier", "Duplicate identifier detected for email");
                continue;
            }
            if (email is not null)
                SetEmail(contact, email);
            ApplyIdentifiers(contact, identifiers);
            ApplyFields(contact, request["dataFields"]?.AsObject(), mergeOption);
            ApplyLists(contact, request["lists"]?.AsArray());
            contact.Updated = Now;
            updated.Add(Reference(contact));
        }

        var id = Guid.NewGuid().ToString();
        object report = script.NoReport
            ? new { importId = id, status = script.Status }
            : new
            {
                importId = id,
                status = script.Status,
                summary = new { newContacts = created.Count, updatedContacts = updated.Count, globallySuppressed = suppressed, invalidEntries = invalid, duplicateIdentifiers = duplicates },
                created,
                updated,
                failures,
            };
        var job = new ImportJob { Id = id, Created = Now, PollsLeft = Math.Max(0, Options.ImportPollsBeforeFinish), FinalStatus = script.Status, Report = report };
        Imports[id] = job;
        return job;
    }

    public object PollImport(string id)
    {
        if (!Imports.TryGetValue(id, out var job))
            throw DoubleError.V3(404, "contacts:importNotFound", $"The import request '{id}' could not be found!");
        if (job.PollsLeft > 0)
        {
            job.PollsLeft--;
            return new { importId = id, status = "NotFinished" };
        }
        return job.Report;
    }

    /// <summary>v3 PATCH: an upsert by identifier; 409 when the new address belongs to another contact.</summary>
    public (Contact Contact, bool Created) Patch(string identifier, string value, JsonObject body, string mergeOption)
    {
        var contact = ByIdentifier(identifier, value);
        var identifiers = body["identifiers"]?.AsObject() ?? [];
        var email = Text(identifiers["email"]);
        if (email is not null && !LooksLikeEmail(email))
            throw DoubleError.V3(400, "contacts:invalidEmail", "Invalid value for 'email'");
        var owner = email is null ? null : ByEmail(email);
        if (owner is not null && owner.Id != contact?.Id)
            throw DoubleError.V3(409, "contacts:idAlreadyExists", "The id value for the identifier 'email' already exists. All identifiers must be unique!");
        var created = false;
        if (contact is null)
        {
            if (email is null)
                throw DoubleError.V3(400, "contacts:invalidEmail", "A new contact needs an email address");
            contact = NewContact(email);
            if (!identifier.Equals("email", StringComparison.OrdinalIgnoreCase) && !identifier.Equals("contactId", StringComparison.OrdinalIgnoreCase))
                SetField(contact, identifier, value);
            created = true;
        }
        else if (email is not null)
        {
            SetEmail(contact, email);
        }
        ApplyIdentifiers(contact, identifiers);
        ApplyFields(contact, body["dataFields"]?.AsObject(), mergeOption.Replace("-", string.Empty, StringComparison.Ordinal));
        ApplyLists(contact, body["lists"]?.AsArray());
        if (body["channelProperties"]?["email"]?["status"]?.GetValue<string>() is { } status)
        {
            // Only opting out is honoured here; resubscribing goes through the resubscribe calls.
            if (status is "unsubscribed" or "suppressed" && !contact.IsOptedOut)
            {
                contact.Status = status == "unsubscribed" ? "Unsubscribed" : "Suppressed";
                AddSuppression(contact, contact.Status, null);
            }
        }
        contact.Updated = Now;
        return (contact, created);
    }

    /// <summary>Deletes a contact with its history; an opt-out stays with the address.</summary>
    public Contact Delete(string identifier, string value)
    {
        var contact = ByIdentifier(identifier, value) ?? throw DoubleError.V3(404, "contacts:contactNotFound", "The following contacts could not be found");
        Contacts.Remove(contact.Id);
        Unindex(contact);
        if (contact.IsOptedOut)
            ErasedOptOuts.Add(Normalize(contact.Email));
        else
            Suppressions.RemoveAll(r => r.ContactId == contact.Id);
        Activities.RemoveAll(a => a.ContactId == contact.Id);
        Events.RemoveAll(e => e.ContactId == contact.Id);
        return contact;
    }

    public Contact UnsubscribeFromAccount(string email, string reason = "Unsubscribed", DateTimeOffset? at = null)
    {
        var contact = ByEmail(email) ?? NewContact(email, reason);
        if (contact.Status != reason || !Suppressions.Any(r => r.ContactId == contact.Id && r.ListId is null))
        {
            contact.Status = reason;
            contact.Updated = Now;
            AddSuppression(contact, reason, null, at);
        }
        return contact;
    }

    public Contact UnsubscribeFromBook(int bookId, string email, DateTimeOffset? at = null)
    {
        WritableBook(bookId);
        var contact = ByEmail(email) ?? throw DoubleError.V2(404, "Contact not found. ERROR_CONTACT_NOT_FOUND");
        if (!contact.Lists.TryGetValue(bookId, out var membership) || membership.Status != "suppressed")
        {
            contact.Lists[bookId] = new Membership { Status = "suppressed", Since = at ?? Now };
            AddSuppression(contact, "Unsubscribed", bookId, at);
        }
        return contact;
    }

    public string Resubscribe(string email, bool withoutChallenge, int? bookId)
    {
        var contact = ByEmail(email);
        if (contact is null)
            return "ContactCannotBeUnsuppressed";
        if (contact.Status is "HardBounced" or "IspComplained" or "DirectComplaint")
            return "ContactCannotBeUnsuppressed";
        if (!withoutChallenge && (contact.IsOptedOut || (bookId is { } b && contact.Lists.TryGetValue(b, out var m) && m.Status == "suppressed")))
            return "ContactChallenged";
        contact.Status = "Subscribed";
        if (bookId is { } book)
            contact.Lists[book] = new Membership { Status = "subscribed", Since = Now };
        return "ContactAdded";
    }

    private void ApplyIdentifiers(Contact contact, JsonObject identifiers)
    {
        foreach (var (name, value) in identifiers)
        {
            if (IsCustomIdentifier(name) && Text(value) is { } text)
                SetField(contact, name, text);
        }
    }

    private void ApplyFields(Contact contact, JsonObject? fields, string mergeOption)
    {
        foreach (var (name, value) in fields ?? [])
        {
            if (!DataFields.ContainsKey(name))
                throw DoubleError.V3(400, "contacts:dataFieldNotFound", $"The data field '{name}' does not exist");
            var text = Text(value);
            var current = contact.DataFields.GetValueOrDefault(name);
            var write = mergeOption.ToUpperInvariant() switch
            {
                "OVERWRITEIFNOTEMPTY" => !string.IsNullOrEmpty(text),
                "OVERWRITEIFEMPTY" => string.IsNullOrEmpty(current),
                _ => true,
            };
            if (!write)
                continue;
            SetField(contact, name, text); // null clears the field
        }
    }

    private void ApplyLists(Contact contact, JsonArray? lists)
    {
        foreach (var node in lists ?? [])
        {
            var id = node!.GetValue<int>();
            WritableBook(id);
            // A list-level unsubscriber stays off the list.
            if (!contact.Lists.TryGetValue(id, out var membership))
                contact.Lists[id] = new Membership { Status = "subscribed", Since = Now };
            else if (membership.Status != "suppressed")
                membership.Status = "subscribed";
        }
    }

    private object Reference(Contact contact) => new { contactId = contact.Id, identifiers = Identifiers(contact) };

    public Dictionary<string, string> Identifiers(Contact contact)
    {
        var identifiers = new Dictionary<string, string>(StringComparer.Ordinal) { ["email"] = contact.Email };
        foreach (var custom in Options.CustomIdentifiers)
        {
            if (contact.DataFields.TryGetValue(custom, out var value) && value is not null)
                identifiers[custom] = value;
        }
        return identifiers;
    }

    private static JsonObject Echo(JsonObject identifiers) => JsonNode.Parse(identifiers.ToJsonString())!.AsObject();

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
