using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Core.Recipients;

namespace EmailConnector.Testing.Platforms;

/// <summary>
/// A faithful in-memory email platform: lists keyed by CRM record, contacts keyed by record (renames keep them),
/// list-level and global unsubscribes that imports never lift, an account suppression list, reaction feeds with
/// cursors and overlap, key figures counted from its events, and injectable faults (transient failures, lost
/// responses, throttling with Retry-After). Thread-safe; time comes from the injected <see cref="TimeProvider"/>.
/// It passes <see cref="EmailPlatformContractTests"/> and doubles as the platform of worker and end-to-end tests.
/// </summary>
public sealed class InMemoryEmailPlatform : IEmailPlatform, IReactionScript, IMailingArchive
{
    public const string Name = "inmemory";

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly InMemoryEmailPlatformOptions _options;
    private readonly Random _random;
    private readonly Dictionary<RecordReference, ListState> _listsByKey = [];
    private readonly Dictionary<string, ListState> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<RecordReference, Contact> _contacts = [];
    private readonly Dictionary<string, SuppressionEntry> _suppressions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MailingHandle> _mailingsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MailingContent> _mailingContents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mailingLists = new(StringComparer.Ordinal);
    private readonly List<StoredEvent> _events = [];
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _nextId;
    private int _throttledCalls;
    private TimeSpan _throttleRetryAfter;
    private int _failingCalls;

    public InMemoryEmailPlatform(TimeProvider time, InMemoryEmailPlatformOptions? options = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new InMemoryEmailPlatformOptions();
        _random = new Random(_options.Seed);
        Capabilities = new PlatformCapabilities
        {
            PlatformName = Name,
            Features = _options.Features,
            MaxImportBatchSize = _options.MaxImportBatchSize,
            MaxFieldLength = _options.MaxFieldLength,
            MaxListNameLength = _options.MaxListNameLength,
            MaxReactionPageSize = _options.MaxReactionPageSize,
        };
    }

    public PlatformCapabilities Capabilities { get; }

    /// <summary>Calls made so far, by operation (failed and throttled ones included).</summary>
    public IReadOnlyDictionary<string, int> Calls
    {
        get { lock (_gate) return new Dictionary<string, int>(_calls); }
    }

    /// <summary>All calls made so far.</summary>
    public int CallCount
    {
        get { lock (_gate) return _calls.Values.Sum(); }
    }

    /// <summary>The next <paramref name="calls"/> calls are throttled with <paramref name="retryAfter"/>.</summary>
    public void ThrottleNext(int calls, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            _throttledCalls = calls;
            _throttleRetryAfter = retryAfter;
        }
    }

    /// <summary>The next <paramref name="calls"/> calls fail transiently before any effect.</summary>
    public void FailNext(int calls)
    {
        lock (_gate) _failingCalls = calls;
    }

    /// <summary>The records subscribed to a list now.</summary>
    public IReadOnlyList<RecordReference> SubscribedMembers(string listId)
    {
        lock (_gate)
            return GetList(listId, "SubscribedMembers").Members.Where(m => m.Value == MembershipStatus.Subscribed).Select(m => m.Key).ToList();
    }

    public Task<PlatformList> EnsureListAsync(ListDefinition list, CancellationToken cancellationToken) =>
        Run("EnsureList", PlatformFeatures.None, cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(list);
            ArgumentException.ThrowIfNullOrWhiteSpace(list.Name);
            if (_listsByKey.TryGetValue(list.Key, out var existing))
                return new PlatformList(existing.Id, existing.Key, existing.Name, Created: false);
            var state = new ListState(NewId("list"), list.Key, UniqueName(list.Name));
            _listsByKey.Add(list.Key, state);
            _lists.Add(state.Id, state);
            return new PlatformList(state.Id, state.Key, state.Name, Created: true);
        });

    public Task<ImportResult> ImportRecipientsAsync(string listId, IReadOnlyList<PlatformRecipient> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count > Capabilities.MaxImportBatchSize)
        {
            return Task.FromException<ImportResult>(new ArgumentException(
                $"{recipients.Count} recipients exceed the batch limit of {Capabilities.MaxImportBatchSize}.", nameof(recipients)));
        }
        return Run("ImportRecipients", PlatformFeatures.None, cancellationToken, () =>
        {
            var list = GetList(listId, "ImportRecipients");
            var seen = new HashSet<RecordReference>();
            var outcomes = new List<RecipientOutcome>(recipients.Count);
            foreach (var recipient in recipients)
                outcomes.Add(seen.Add(recipient.Record)
                    ? ImportOne(list, recipient)
                    : RecipientOutcome.Rejected(recipient.Record, RejectionReason.DuplicateRecord, "The record appears twice in the batch."));
            return new ImportResult(outcomes);
        });
    }

    public Task<RecipientOutcome> UpdateRecipientAsync(PlatformRecipient recipient, CancellationToken cancellationToken) =>
        Run("UpdateRecipient", PlatformFeatures.None, cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(recipient);
            if (!_contacts.TryGetValue(recipient.Record, out var contact))
                return new RecipientOutcome(recipient.Record, RecipientOutcomeKind.NotFound);
            var refused = Validate(recipient);
            if (refused is not null)
                return refused with { ContactId = contact.Id };
            contact.EmailAddress = recipient.EmailAddress.Trim();
            Merge(contact, recipient.Fields);
            return new RecipientOutcome(recipient.Record, RecipientOutcomeKind.Updated, contact.Id);
        });

    public Task<PlatformRecipientState?> GetRecipientAsync(RecordReference record, string? listId, CancellationToken cancellationToken) =>
        Run("GetRecipient", PlatformFeatures.None, cancellationToken, () =>
        {
            if (!_contacts.TryGetValue(record, out var contact))
                return (PlatformRecipientState?)null;
            var status = listId is null ? MembershipStatus.None : GetList(listId, "GetRecipient").StatusOf(record);
            return new PlatformRecipientState(record, contact.Id, contact.EmailAddress,
                new Dictionary<string, string?>(contact.Fields), IsGloballyOut(contact), status);
        });

    public Task<ChangeOutcome> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken) =>
        Run("Unsubscribe", request?.ListId is null ? PlatformFeatures.None : PlatformFeatures.ListLevelUnsubscribe, cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            if (request.ListId is not null)
            {
                var list = GetList(request.ListId, "Unsubscribe");
                if (!_contacts.ContainsKey(request.Record))
                    return ChangeOutcome.NotFound;
                if (list.StatusOf(request.Record) == MembershipStatus.Unsubscribed)
                    return ChangeOutcome.AlreadyApplied;
                list.Members[request.Record] = MembershipStatus.Unsubscribed;
                return ChangeOutcome.Applied;
            }
            if (!_contacts.TryGetValue(request.Record, out var contact))
                return ChangeOutcome.NotFound;
            if (contact.GloballyUnsubscribed)
                return ChangeOutcome.AlreadyApplied;
            contact.GloballyUnsubscribed = true;
            AddSuppression(contact.EmailAddress, SuppressionReason.Unsubscribed, contact.Record);
            return ChangeOutcome.Applied;
        });

    public Task<ChangeOutcome> SuppressAsync(SuppressionRequest request, CancellationToken cancellationToken) =>
        Run("Suppress", PlatformFeatures.None, cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            if (!EmailAddressRules.IsValid(request.EmailAddress))
                throw new ArgumentException("Only valid addresses can be suppressed.", nameof(request));
            return AddSuppression(request.EmailAddress, request.Reason, request.Record) ? ChangeOutcome.Applied : ChangeOutcome.AlreadyApplied;
        });

    public Task<ChangeOutcome> EraseRecipientAsync(RecordReference record, CancellationToken cancellationToken) =>
        Run("EraseRecipient", PlatformFeatures.Erase, cancellationToken, () =>
        {
            if (!_contacts.Remove(record))
                return ChangeOutcome.NotFound;
            foreach (var list in _lists.Values)
                list.Members.Remove(record);
            _events.RemoveAll(e => e.Event.Record == record);
            // The suppression stays, unlinked from the record: an erased person who opted out must stay opted out.
            foreach (var key in _suppressions.Where(s => s.Value.Record == record).Select(s => s.Key).ToList())
                _suppressions[key] = _suppressions[key] with { Record = null };
            return ChangeOutcome.Applied;
        });

    public Task<SuppressionPage> GetSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken) =>
        Run("GetSuppressions", PlatformFeatures.None, cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
            var skip = query.PageToken is null ? 0 : int.Parse(query.PageToken, CultureInfo.InvariantCulture);
            var ordered = _suppressions.Values.OrderBy(s => s.Since).ThenBy(s => s.EmailAddress, StringComparer.Ordinal).ToList();
            var page = ordered.Skip(skip).Take(query.PageSize).ToList();
            var next = skip + page.Count < ordered.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return new SuppressionPage(page, next);
        });

    public Task<ReactionPage> ReadReactionsAsync(ReactionFeedRequest request, CancellationToken cancellationToken) =>
        Run("ReadReactions", request is null ? PlatformFeatures.None : PlatformCapabilities.FeatureOf(request.Feed), cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxEvents, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(request.Overlap, TimeSpan.Zero);
            var cursor = FeedCursor.Parse(request.Cursor, request.Overlap);
            var take = Math.Min(request.MaxEvents, Capabilities.MaxReactionPageSize);
            var candidates = _events
                .Where(e => ReactionFeeds.FeedOf(e.Event.Kind) == request.Feed && e.Sequence > cursor.Position && cursor.InPull(e))
                .ToList();
            var page = candidates.Take(take).ToList();
            var hasMore = candidates.Count > page.Count;
            var position = page.Count > 0 ? page[^1].Sequence : cursor.Position;
            string next;
            if (hasMore)
            {
                next = cursor.ContinueAt(position);
            }
            else
            {
                var last = page.Count > 0 && page[^1].Sequence > cursor.Resting ? page[^1] : null;
                next = last is null ? cursor.Rest() : FeedCursor.RestAt(last.Sequence, last.RecordedAt);
            }
            return new ReactionPage(page.Select(e => e.Event).ToList(), next, hasMore);
        });

    public Task<KeyFigures> GetKeyFiguresAsync(string listId, CancellationToken cancellationToken) =>
        Run("GetKeyFigures", PlatformFeatures.Reports, cancellationToken, () =>
        {
            GetList(listId, "GetKeyFigures");
            return KeyFigures.FromEvents(_events.Select(e => e.Event).Where(e => e.ListId == listId));
        });

    public Task<MailingHandle> SendMailingAsync(MailingRequest request, CancellationToken cancellationToken) =>
        Run("SendMailing", PlatformFeatures.SendFromCrm, cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentException.ThrowIfNullOrWhiteSpace(request.Key);
            if (_mailingsByKey.TryGetValue(request.Key, out var existing))
                return existing with { Created = false };
            var list = GetList(request.ListId, "SendMailing");
            var mailingId = Send(list);
            var handle = new MailingHandle(mailingId, MailingStatus.Sent, Created: true);
            _mailingsByKey.Add(request.Key, handle);
            // The body is kept as composed, with its placeholders: nobody's personal data is in it.
            _mailingContents.Add(mailingId, new MailingContent(request.Subject, request.FromAddress, request.FromName, request.HtmlBody));
            return handle;
        });

    /// <summary>Mailings sent from CRM (<see cref="SendMailingAsync"/>) have content; scripted sends have none.</summary>
    public Task<MailingContent?> GetMailingContentAsync(string mailingId, CancellationToken cancellationToken) =>
        Run("GetMailingContent", PlatformFeatures.None, cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(mailingId);
            return _mailingContents.GetValueOrDefault(mailingId);
        });

    Task<string> IReactionScript.SendAsync(string listId, CancellationToken cancellationToken) =>
        Script(() => Send(GetList(listId, "Send")));

    Task IReactionScript.OpenAsync(string mailingId, RecordReference recipient, CancellationToken cancellationToken) =>
        Script(() => Record(mailingId, recipient, ReactionKind.Open, e => e with { IpAddress = "192.0.2.10", UserAgent = "Mozilla/5.0" }));

    Task IReactionScript.ClickAsync(string mailingId, RecordReference recipient, string url, CancellationToken cancellationToken) =>
        Script(() => Record(mailingId, recipient, ReactionKind.Click, e => e with { Url = url, IpAddress = "192.0.2.10", UserAgent = "Mozilla/5.0" }));

    Task IReactionScript.BounceAsync(string mailingId, RecordReference recipient, string status, string diagnostic, CancellationToken cancellationToken) =>
        Script(() =>
        {
            var smtp = SmtpStatus.Parse(status);
            var category = BounceClassifier.Classify(smtp, diagnostic);
            Record(mailingId, recipient, ReactionKind.Bounce, e => e with { BounceCategory = category, StatusCode = smtp?.ToString(), Diagnostic = diagnostic });
            if (category == BounceCategory.Hard && _contacts.TryGetValue(recipient, out var contact))
                AddSuppression(contact.EmailAddress, SuppressionReason.HardBounce, recipient);
        });

    Task IReactionScript.ReplyAsync(string mailingId, RecordReference recipient, bool automatic, CancellationToken cancellationToken) =>
        Script(() => Record(mailingId, recipient, automatic ? ReactionKind.AutoReply : ReactionKind.Reply, e => e));

    Task IReactionScript.UnsubscribeAsync(string mailingId, RecordReference recipient, UnsubscribeScope scope, CancellationToken cancellationToken) =>
        Script(() =>
        {
            var contact = ContactOf(recipient);
            if (scope == UnsubscribeScope.List)
            {
                _lists[_mailingLists[mailingId]].Members[recipient] = MembershipStatus.Unsubscribed;
            }
            else
            {
                contact.GloballyUnsubscribed = true;
                AddSuppression(contact.EmailAddress, SuppressionReason.Unsubscribed, recipient);
            }
            Record(mailingId, recipient, ReactionKind.Unsubscribe, e => e with { UnsubscribeScope = scope });
        });

    Task IReactionScript.ComplainAsync(string mailingId, RecordReference recipient, CancellationToken cancellationToken) =>
        Script(() =>
        {
            var contact = ContactOf(recipient);
            contact.GloballyUnsubscribed = true;
            AddSuppression(contact.EmailAddress, SuppressionReason.Complaint, recipient);
            Record(mailingId, recipient, ReactionKind.Complaint, e => e);
        });

    Task IReactionScript.SubscribeAsync(string listId, string emailAddress, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken) =>
        Script(() =>
        {
            GetList(listId, "Subscribe");
            AppendEvent(new ReactionEvent
            {
                EventId = string.Empty,
                Kind = ReactionKind.Subscribe,
                OccurredAt = _time.GetUtcNow(),
                ListId = listId,
                EmailAddress = emailAddress,
                Fields = new Dictionary<string, string?>(fields),
            });
        });

    private RecipientOutcome ImportOne(ListState list, PlatformRecipient recipient)
    {
        var refused = Validate(recipient);
        if (refused is not null)
            return refused;
        var address = recipient.EmailAddress.Trim();
        var known = _contacts.TryGetValue(recipient.Record, out var contact);
        if (known && IsGloballyOut(contact!))
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.Suppressed, "The contact is unsubscribed or suppressed account-wide.", contact!.Id);
        if (_suppressions.ContainsKey(EmailAddressRules.Normalize(address)))
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.Suppressed, "The address is on the suppression list.", contact?.Id);
        if (list.StatusOf(recipient.Record) == MembershipStatus.Unsubscribed)
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.Unsubscribed, "The recipient left this list.", contact?.Id);

        if (contact is null)
        {
            contact = new Contact(NewId("contact"), recipient.Record, address);
            _contacts.Add(recipient.Record, contact);
        }
        contact.EmailAddress = address;
        Merge(contact, recipient.Fields);
        list.Members[recipient.Record] = MembershipStatus.Subscribed;
        return new RecipientOutcome(recipient.Record, known ? RecipientOutcomeKind.Updated : RecipientOutcomeKind.Imported, contact.Id);
    }

    private RecipientOutcome? Validate(PlatformRecipient recipient)
    {
        if (!EmailAddressRules.IsValid(recipient.EmailAddress))
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.InvalidAddress, "The address is not a valid email address.");
        var tooLong = recipient.Fields.FirstOrDefault(f => f.Value is not null && f.Value.Length > Capabilities.MaxFieldLength);
        if (tooLong.Key is not null)
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.InvalidField, $"Field {tooLong.Key} is longer than {Capabilities.MaxFieldLength} characters.");
        if (!Capabilities.Supports(PlatformFeatures.SharedAddresses))
        {
            var normalized = EmailAddressRules.Normalize(recipient.EmailAddress);
            if (_contacts.Values.Any(c => c.Record != recipient.Record && EmailAddressRules.Normalize(c.EmailAddress) == normalized))
                return RecipientOutcome.Rejected(recipient.Record, RejectionReason.DuplicateAddress, "Another contact has this address.");
        }
        return null;
    }

    private static void Merge(Contact contact, IReadOnlyDictionary<string, string?> fields)
    {
        foreach (var (name, value) in fields)
        {
            if (value is null)
                contact.Fields.Remove(name);
            else
                contact.Fields[name] = value;
        }
    }

    private bool IsGloballyOut(Contact contact) =>
        contact.GloballyUnsubscribed || _suppressions.ContainsKey(EmailAddressRules.Normalize(contact.EmailAddress));

    private bool AddSuppression(string address, SuppressionReason reason, RecordReference? record)
    {
        var key = EmailAddressRules.Normalize(address);
        if (_suppressions.ContainsKey(key))
            return false;
        _suppressions.Add(key, new SuppressionEntry(key, reason, _time.GetUtcNow(), record));
        return true;
    }

    private string Send(ListState list)
    {
        var mailingId = NewId("mailing");
        _mailingLists.Add(mailingId, list.Id);
        foreach (var (record, status) in list.Members.ToList())
        {
            if (status != MembershipStatus.Subscribed || IsGloballyOut(_contacts[record]))
                continue;
            Record(mailingId, record, ReactionKind.Sent, e => e);
        }
        return mailingId;
    }

    private void Record(string mailingId, RecordReference recipient, ReactionKind kind, Func<ReactionEvent, ReactionEvent> shape)
    {
        if (!_mailingLists.TryGetValue(mailingId, out var listId))
            throw new ArgumentException($"Mailing {mailingId} does not exist.", nameof(mailingId));
        var contact = ContactOf(recipient);
        AppendEvent(shape(new ReactionEvent
        {
            EventId = string.Empty,
            Kind = kind,
            OccurredAt = _time.GetUtcNow(),
            Record = recipient,
            ListId = listId,
            MailingId = mailingId,
            EmailAddress = contact.EmailAddress,
        }));
    }

    private void AppendEvent(ReactionEvent reaction)
    {
        var sequence = _events.Count == 0 ? 1 : _events[^1].Sequence + 1;
        var stored = reaction with { EventId = "ev-" + sequence.ToString(CultureInfo.InvariantCulture) };
        _events.Add(new StoredEvent(sequence, _time.GetUtcNow(), stored.Validate()));
    }

    private Contact ContactOf(RecordReference record) =>
        _contacts.TryGetValue(record, out var contact) ? contact : throw new ArgumentException($"{record} is not a contact of this platform.", nameof(record));

    private ListState GetList(string listId, string operation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        return _lists.TryGetValue(listId, out var list)
            ? list
            : throw new PlatformPermanentException(Name, operation, $"List {listId} does not exist.");
    }

    private string UniqueName(string wanted)
    {
        var max = Capabilities.MaxListNameLength;
        var name = Core.Mapping.TextRules.Truncate(wanted.Trim(), max);
        for (var n = 2; _lists.Values.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)); n++)
        {
            var suffix = $" ({n})";
            name = Core.Mapping.TextRules.Truncate(wanted.Trim(), max - suffix.Length) + suffix;
        }
        return name;
    }

    private string NewId(string prefix) => prefix + "-" + (++_nextId).ToString(CultureInfo.InvariantCulture);

    private Task Script(Action action) => Script(() =>
    {
        action();
        return true;
    });

    private Task<T> Script<T>(Func<T> action)
    {
        try
        {
            lock (_gate)
                return Task.FromResult(action());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private Task<T> Run<T>(string operation, PlatformFeatures feature, CancellationToken cancellationToken, Func<T> action)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (feature != PlatformFeatures.None)
                Capabilities.Require(feature, operation);
            bool loseResponse;
            T result;
            lock (_gate)
            {
                _calls[operation] = _calls.GetValueOrDefault(operation) + 1;
                if (_throttledCalls > 0)
                {
                    _throttledCalls--;
                    throw new PlatformThrottledException(Name, operation, _throttleRetryAfter);
                }
                if (_failingCalls > 0 || _random.NextDouble() < _options.TransientFailureRate)
                {
                    _failingCalls = Math.Max(0, _failingCalls - 1);
                    throw new PlatformTransientException(Name, operation, $"{operation} failed transiently (injected).");
                }
                loseResponse = _random.NextDouble() < _options.LostResponseRate;
                result = action();
            }
            if (loseResponse)
                throw new PlatformTransientException(Name, operation, $"The answer to {operation} was lost after it took effect (injected).");
            return Task.FromResult(result);
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private sealed class ListState(string id, RecordReference key, string name)
    {
        public string Id { get; } = id;

        public RecordReference Key { get; } = key;

        public string Name { get; } = name;

        public Dictionary<RecordReference, MembershipStatus> Members { get; } = [];

        public MembershipStatus StatusOf(RecordReference record) => Members.GetValueOrDefault(record);
    }

    private sealed class Contact(string id, RecordReference record, string emailAddress)
    {
        public string Id { get; } = id;

        public RecordReference Record { get; } = record;

        public string EmailAddress { get; set; } = emailAddress;

        public Dictionary<string, string?> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool GloballyUnsubscribed { get; set; }
    }

    private sealed record StoredEvent(int Sequence, DateTimeOffset RecordedAt, ReactionEvent Event);

    // Resting cursor "r:<sequence>:<recorded ticks>"; continuation "c:<position>:<resting sequence>:<window start ticks>".
    private readonly record struct FeedCursor(int Position, int Resting, long WindowStartTicks, long RestingTicks)
    {
        public static FeedCursor Parse(string? text, TimeSpan overlap)
        {
            if (text is null)
                return new FeedCursor(0, 0, long.MaxValue, 0);
            var parts = text.Split(':');
            try
            {
                if (parts.Length == 3 && parts[0] == "r")
                {
                    var resting = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    var ticks = long.Parse(parts[2], CultureInfo.InvariantCulture);
                    var windowStart = overlap > TimeSpan.Zero ? ticks - overlap.Ticks : long.MaxValue;
                    var position = overlap > TimeSpan.Zero ? 0 : resting;
                    return new FeedCursor(position, resting, windowStart, ticks);
                }
                if (parts.Length == 5 && parts[0] == "c")
                {
                    return new FeedCursor(
                        int.Parse(parts[1], CultureInfo.InvariantCulture),
                        int.Parse(parts[2], CultureInfo.InvariantCulture),
                        long.Parse(parts[3], CultureInfo.InvariantCulture),
                        long.Parse(parts[4], CultureInfo.InvariantCulture));
                }
            }
            catch (FormatException)
            {
            }
            throw new PlatformPermanentException(Name, "ReadReactions", "The feed cursor is not one this platform issued.");
        }

        // An event belongs to this pull when it is new, or recorded inside the overlap window before the resting cursor.
        public bool InPull(StoredEvent e) => e.Sequence > Resting || e.RecordedAt.UtcTicks >= WindowStartTicks;

        public string ContinueAt(int position) =>
            string.Create(CultureInfo.InvariantCulture, $"c:{position}:{Resting}:{WindowStartTicks}:{RestingTicks}");

        public string Rest() => RestAt(Resting, RestingTicks);

        public static string RestAt(int sequence, DateTimeOffset recordedAt) => RestAt(sequence, recordedAt.UtcTicks);

        private static string RestAt(int sequence, long ticks) =>
            string.Create(CultureInfo.InvariantCulture, $"r:{sequence}:{ticks}");
    }
}
