using System.Globalization;

namespace EmailConnector.Platforms.Dotdigital.Double.State;

/// <summary>
/// The account's state in memory: data fields, address books, contacts with list memberships, suppressions, campaigns,
/// sends and the events they produced. Every member runs under <see cref="Gate"/>; time comes from the injected clock,
/// cut to milliseconds like the vendor's dates.
/// </summary>
internal sealed partial class DoubleState
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byCustom = new(StringComparer.Ordinal);
    private long _seq;
    private int _nextBook = 1000;
    private long _nextContact = 5000;
    private int _nextCampaign = 100;

    public DoubleState(TimeProvider time, DotdigitalDoubleOptions options)
    {
        _time = time;
        Options = options;
        foreach (var name in new[] { "FIRSTNAME", "LASTNAME", "FULLNAME", "GENDER", "POSTCODE" })
            DataFields[name] = new DataField { Name = name };
        // The account's built-in "Test" address book: it exists, but nothing may be written to it.
        Books[1] = new AddressBook { Id = 1, Name = "Test", Writable = false };
    }

    public object Gate { get; } = new();

    public DotdigitalDoubleOptions Options { get; }

    public Dictionary<string, DataField> DataFields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SortedDictionary<int, AddressBook> Books { get; } = [];

    public SortedDictionary<long, Contact> Contacts { get; } = [];

    public List<SuppressionRow> Suppressions { get; } = [];

    /// <summary>Addresses whose contact was deleted after opting out: they stay suppressed.</summary>
    public HashSet<string> ErasedOptOuts { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<int, Campaign> Campaigns { get; } = [];

    public Dictionary<Guid, SendJob> Sends { get; } = [];

    public List<Activity> Activities { get; } = [];

    public List<EventRow> Events { get; } = [];

    public Dictionary<string, ImportJob> Imports { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ImportScript? NextImport { get; set; }

    public bool SendNotPermitted { get; set; }

    public bool RequireSystemApproval { get; set; }

    public DateTimeOffset Now
    {
        get
        {
            var now = _time.GetUtcNow().ToUniversalTime();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }

    public long NextSeq() => ++_seq;

    public string Normalize(string email) => Options.CaseInsensitiveEmails ? email.Trim().ToLowerInvariant() : email;

    public Contact? ByEmail(string email) =>
        _byEmail.TryGetValue(Normalize(email), out var id) && Contacts.TryGetValue(id, out var contact) ? contact : null;

    // Indexes, so that 100,000-contact imports stay linear: every change of an address or a field goes through here.
    public void SetEmail(Contact contact, string email)
    {
        _byEmail.Remove(Normalize(contact.Email));
        contact.Email = email.Trim();
        _byEmail[Normalize(contact.Email)] = contact.Id;
    }

    public void SetField(Contact contact, string name, string? value)
    {
        if (contact.DataFields.TryGetValue(name, out var old) && old is not null)
            _byCustom.Remove(CustomKey(name, old));
        if (value is null)
            contact.DataFields.Remove(name);
        else
        {
            contact.DataFields[name] = value;
            _byCustom[CustomKey(name, value)] = contact.Id;
        }
    }

    private void Unindex(Contact contact)
    {
        _byEmail.Remove(Normalize(contact.Email));
        foreach (var (name, value) in contact.DataFields)
        {
            if (value is not null)
                _byCustom.Remove(CustomKey(name, value));
        }
    }

    private static string CustomKey(string name, string value) => name.ToUpperInvariant() + "\u001f" + value;

    public bool IsCustomIdentifier(string name) =>
        Options.CustomIdentifiers.Contains(name, StringComparer.OrdinalIgnoreCase) && DataFields.ContainsKey(name);

    public Contact? ByIdentifier(string identifier, string value)
    {
        if (identifier.Equals("contactId", StringComparison.OrdinalIgnoreCase))
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Contacts.TryGetValue(id, out var c) ? c : null;
        if (identifier.Equals("email", StringComparison.OrdinalIgnoreCase))
            return ByEmail(value);
        if (identifier.Equals("mobileNumber", StringComparison.OrdinalIgnoreCase))
            return null;
        if (!IsCustomIdentifier(identifier))
            throw DoubleError.V3(400, "contacts:invalidIdentifier", $"The identifier '{identifier}' is not set up in this account");
        return _byCustom.TryGetValue(CustomKey(identifier, value), out var found) && Contacts.TryGetValue(found, out var contact) ? contact : null;
    }

    public static bool LooksLikeEmail(string email)
    {
        var text = email.Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 3 && text[(at + 1)..].Contains('.', StringComparison.Ordinal)
            && !text.Any(char.IsWhiteSpace) && !text.EndsWith('.');
    }

    public Contact NewContact(string email, string status = "Subscribed")
    {
        var now = Now;
        var contact = new Contact { Id = ++_nextContact, Email = email.Trim(), Status = status, Created = now, Updated = now };
        Contacts[contact.Id] = contact;
        _byEmail[Normalize(contact.Email)] = contact.Id;
        return contact;
    }

    public bool IsEmailSuppressed(string email) => ErasedOptOuts.Contains(Normalize(email));

    public void AddSuppression(Contact contact, string reason, int? listId, DateTimeOffset? at = null, DateTimeOffset? visibleAt = null)
    {
        var when = at ?? Now;
        Suppressions.Add(new SuppressionRow
        {
            Seq = NextSeq(), ContactId = contact.Id, Email = contact.Email, Reason = reason, DateRemoved = when, VisibleAt = visibleAt ?? when, ListId = listId,
        });
    }

    // Address books

    public AddressBook CreateBook(string name, string? visibility)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 128)
            throw DoubleError.V2(400, "The name must be 1 to 128 characters. ERROR_ADDRESSBOOK_INVALID");
        if (trimmed.Equals("All Contacts", StringComparison.OrdinalIgnoreCase) || Books.Values.Any(b => b.Name.Equals(trimmed, StringComparison.OrdinalIgnoreCase)))
            throw DoubleError.V2(400, "That name is in use already, please choose another. ERROR_ADDRESSBOOK_DUPLICATE");
        if (Books.Count >= Options.MaxAddressBooks)
            throw DoubleError.V2(400, "The address book limit has been reached. ERROR_ADDRESSBOOK_LIMITEXCEEDED");
        var book = new AddressBook { Id = ++_nextBook, Name = trimmed, Visibility = visibility ?? "Private" };
        Books[book.Id] = book;
        return book;
    }

    public AddressBook Book(int id) =>
        Books.TryGetValue(id, out var book) ? book : throw DoubleError.V2(404, "Address book not found. ERROR_ADDRESSBOOK_NOT_FOUND");

    public AddressBook WritableBook(int id)
    {
        var book = Book(id);
        return book.Writable ? book : throw DoubleError.V2(400, "This address book cannot be written to. ERROR_ADDRESSBOOK_NOTWRITABLE");
    }

    // Campaigns and sends

    public Campaign CreateCampaign(string name, string subject, string fromName, string? fromAddress, string html, string text, string? replyAction, string? replyTo)
    {
        if (!html.Contains("$UNSUB$", StringComparison.Ordinal) || !text.Contains("$UNSUB$", StringComparison.Ordinal))
            throw DoubleError.V2(400, "The campaign content must contain an unsubscribe link. ERROR_CAMPAIGN_INVALID");
        var campaign = new Campaign
        {
            Id = ++_nextCampaign, Name = name, Subject = subject, FromName = fromName, FromAddress = fromAddress,
            HtmlContent = html, PlainTextContent = text, ReplyAction = replyAction ?? "Unset", ReplyToAddress = replyTo,
        };
        Campaigns[campaign.Id] = campaign;
        return campaign;
    }

    public Campaign CampaignById(int id) =>
        Campaigns.TryGetValue(id, out var campaign) ? campaign : throw DoubleError.V2(404, "Campaign not found. ERROR_CAMPAIGN_NOT_FOUND");

    public SendJob Send(int campaignId, IReadOnlyList<int> books, DateTimeOffset? sendDate)
    {
        var campaign = CampaignById(campaignId);
        if (SendNotPermitted)
            throw DoubleError.V2(400, "This account is not permitted to send campaigns. ERROR_CAMPAIGN_SENDNOTPERMITTED");
        foreach (var book in books)
            Book(book);
        var job = new SendJob { Id = Guid.NewGuid(), CampaignId = campaignId, Books = [.. books], SendDate = sendDate is { } d && d > Now ? d : Now };
        Sends[job.Id] = job;
        campaign.Books.AddRange(books.Except(campaign.Books));
        if (RequireSystemApproval)
        {
            campaign.Status = "RequiresSystemApproval";
            job.Status = "NotSent";
            return job;
        }
        ProcessDue();
        return job;
    }

    /// <summary>Delivers the sends whose date has come (scheduled sends wait for the clock).</summary>
    public void ProcessDue()
    {
        foreach (var job in Sends.Values.Where(j => j.Status == "Scheduled" && j.SendDate <= Now).ToList())
        {
            var campaign = Campaigns[job.CampaignId];
            // An empty list of address books is "All Contacts" at Dotdigital.
            var recipients = job.Books.Count == 0
                ? Contacts.Values.Where(c => !c.IsOptedOut)
                : Contacts.Values.Where(c => !c.IsOptedOut && job.Books.Any(b => c.Lists.TryGetValue(b, out var m) && m.Status == "subscribed"));
            foreach (var contact in recipients.ToList())
            {
                Activities.Add(new Activity
                {
                    Seq = NextSeq(), CampaignId = campaign.Id, ContactId = contact.Id, Email = contact.Email, DateSent = job.SendDate, LastActivity = job.SendDate,
                });
            }
            campaign.Status = "Sent";
            job.Status = "Sending"; // becomes Sent once the clock has moved on (see SendStatus)
        }
    }

    public string SendStatus(SendJob job) => job.Status == "Sending" && Now > job.SendDate ? "Sent" : job.Status;
}
