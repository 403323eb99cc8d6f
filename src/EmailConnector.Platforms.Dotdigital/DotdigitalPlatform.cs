using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Dotdigital.Contacts;
using EmailConnector.Platforms.Dotdigital.Http;
using EmailConnector.Platforms.Dotdigital.Lists;
using EmailConnector.Platforms.Dotdigital.Mailings;
using EmailConnector.Platforms.Dotdigital.Reactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Platforms.Dotdigital;

/// <summary>
/// Dotdigital (formerly dotMailer) as an <see cref="IEmailPlatform"/>: address books per campaign activity, contacts
/// keyed by the CRM record through a custom identifier, v3 bulk imports, v2 since-date reaction feeds, campaign
/// summaries and sends, and campaign content for email activities (<see cref="IMailingArchive"/>). Register it with
/// <see cref="DotdigitalServiceCollectionExtensions.AddDotdigitalPlatform"/>.
/// </summary>
public sealed class DotdigitalPlatform : IEmailPlatform, IMailingArchive, IDisposable
{
    public const string Name = "dotdigital";

    // Dotdigital keys contacts by address (identifiers are unique), so SharedAddresses is absent; everything else is there.
    private const PlatformFeatures Features =
        PlatformFeatures.Sends | PlatformFeatures.Opens | PlatformFeatures.Clicks | PlatformFeatures.Bounces |
        PlatformFeatures.Unsubscribes | PlatformFeatures.Replies | PlatformFeatures.Complaints | PlatformFeatures.NewSubscribers |
        PlatformFeatures.ListLevelUnsubscribe | PlatformFeatures.Erase | PlatformFeatures.Reports | PlatformFeatures.SendFromCrm;

    private readonly AddressBooks _addressBooks;
    private readonly ContactImporter _importer;
    private readonly ContactChanges _changes;
    private readonly ReactionReader _reactions;
    private readonly Mailings.Mailings _mailings;

    // The HttpClient of an adapter made by DotdigitalPlatformFactory; the container's own adapter owns nothing.
    private readonly IDisposable? _owned;

    internal DotdigitalPlatform(DotdigitalApi api, IOptions<DotdigitalOptions> options, TimeProvider time, IDotdigitalDelay delay, ILogger<DotdigitalPlatform> logger, IDisposable? owned = null)
    {
        _owned = owned;
        var context = new DotdigitalContext(api, options.Value, time, delay, logger);
        var directory = new ContactDirectory(context);
        var listUnsubscribes = new ListUnsubscribes(context, directory);
        _addressBooks = new AddressBooks(context);
        _importer = new ContactImporter(context, directory, listUnsubscribes);
        _changes = new ContactChanges(context, directory, listUnsubscribes);
        _reactions = new ReactionReader(context, directory);
        _mailings = new Mailings.Mailings(context);
        Capabilities = new PlatformCapabilities
        {
            PlatformName = Name,
            Features = Features,
            MaxImportBatchSize = options.Value.MaxImportBatchSize,
            MaxFieldLength = 255,
            MaxListNameLength = AddressBooks.MaxNameLength,
            MaxReactionPageSize = 1000,
        };
    }

    public PlatformCapabilities Capabilities { get; }

    public Task<PlatformList> EnsureListAsync(ListDefinition list, CancellationToken cancellationToken) =>
        _addressBooks.EnsureAsync(list, cancellationToken);

    public Task<ImportResult> ImportRecipientsAsync(string listId, IReadOnlyList<PlatformRecipient> recipients, CancellationToken cancellationToken) =>
        _importer.ImportAsync(listId, recipients, cancellationToken);

    public Task<RecipientOutcome> UpdateRecipientAsync(PlatformRecipient recipient, CancellationToken cancellationToken) =>
        _changes.UpdateAsync(recipient, cancellationToken);

    public Task<PlatformRecipientState?> GetRecipientAsync(RecordReference record, string? listId, CancellationToken cancellationToken) =>
        _changes.GetAsync(record, listId, cancellationToken);

    public Task<ChangeOutcome> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsGlobal)
            Capabilities.Require(PlatformFeatures.ListLevelUnsubscribe, "Unsubscribe");
        return _changes.UnsubscribeAsync(request, cancellationToken);
    }

    public Task<ChangeOutcome> SuppressAsync(SuppressionRequest request, CancellationToken cancellationToken) =>
        _changes.SuppressAsync(request, cancellationToken);

    public Task<ChangeOutcome> EraseRecipientAsync(RecordReference record, CancellationToken cancellationToken)
    {
        Capabilities.Require(PlatformFeatures.Erase, "EraseRecipient");
        return _changes.EraseAsync(record, cancellationToken);
    }

    public Task<SuppressionPage> GetSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken) =>
        _changes.GetSuppressionsAsync(query, cancellationToken);

    public Task<ReactionPage> ReadReactionsAsync(ReactionFeedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Capabilities.Require(PlatformCapabilities.FeatureOf(request.Feed), "ReadReactions");
        return _reactions.ReadAsync(request, Capabilities.MaxReactionPageSize, cancellationToken);
    }

    public Task<KeyFigures> GetKeyFiguresAsync(string listId, CancellationToken cancellationToken)
    {
        Capabilities.Require(PlatformFeatures.Reports, "GetKeyFigures");
        return _mailings.KeyFiguresAsync(listId, cancellationToken);
    }

    public Task<MailingHandle> SendMailingAsync(MailingRequest request, CancellationToken cancellationToken)
    {
        Capabilities.Require(PlatformFeatures.SendFromCrm, "SendMailing");
        return _mailings.SendAsync(request, cancellationToken);
    }

    public Task<MailingContent?> GetMailingContentAsync(string mailingId, CancellationToken cancellationToken) =>
        _mailings.ContentAsync(mailingId, cancellationToken);

    /// <summary>Releases the HTTP client of an adapter made by <see cref="DotdigitalPlatformFactory"/>.</summary>
    public void Dispose() => _owned?.Dispose();
}
