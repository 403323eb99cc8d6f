using System.Collections.Concurrent;
using System.Globalization;
using EmailConnector.Platforms.Smtp.Store;
using EmailConnector.Platforms.Smtp.Tokens;
using MimeKit;
using MimeKit.Cryptography;

namespace EmailConnector.Platforms.Smtp.Composition;

/// <summary>A message ready for the transport: the signed MIME message and its envelope.</summary>
internal sealed record ComposedMessage(MimeMessage Message, MailboxAddress EnvelopeSender, MailboxAddress Recipient, string EnvelopeId);

/// <summary>
/// Renders one personalised message per recipient: data labels, tracking URLs with signed tokens, the VERP envelope
/// sender, a Message-ID carrying the same token, RFC 2369/8058 unsubscribe headers, Feedback-ID, and the DKIM
/// signature over all of them.
/// </summary>
internal sealed class MessageComposer
{
    // RFC 8058 §4 requires List-Unsubscribe and List-Unsubscribe-Post under the signature.
    private static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ReplyTo, HeaderId.MimeVersion,
        HeaderId.ContentType, HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost, HeaderId.ListId,
    ];

    private static readonly string[] SignedHeaderNames = [.. SignedHeaders.Select(h => h.ToHeaderName()), "Feedback-ID"];

    private readonly SmtpPlatformOptions _options;
    private readonly TokenService _tokens;
    private readonly DkimSigner? _signer;
    private readonly TimeProvider _time;
    private readonly string _trackingBase;
    private readonly ConcurrentDictionary<long, Plan> _plans = new();

    public MessageComposer(SmtpPlatformOptions options, TokenService tokens, DkimSigner? signer, TimeProvider time)
    {
        _options = options;
        _tokens = tokens;
        _signer = signer;
        _time = time;
        _trackingBase = TrackingBase(options);
    }

    public bool Signs => _signer is not null;

    /// <summary>The base of the tracking URLs: the public base URL plus the tracking path.</summary>
    public static string TrackingBase(SmtpPlatformOptions options) => options.PublicBaseUrl.TrimEnd('/') + "/" + options.TrackingPath.Trim('/');

    public ComposedMessage Compose(StoredMailing mailing, DeliveryWork work)
    {
        var plan = _plans.GetOrAdd(mailing.Id, _ => new Plan(mailing));
        var verp = _tokens.CreateVerpToken(work.DeliveryId);
        var labels = new RecipientLabels(this, work);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(mailing.FromName, mailing.FromAddress));
        message.To.Add(MailboxAddress.Parse(work.Email));
        if (!string.IsNullOrWhiteSpace(mailing.ReplyTo))
            message.ReplyTo.Add(MailboxAddress.Parse(mailing.ReplyTo));
        message.Subject = MailingTemplate.Render(plan.Subject, labels, html: false);
        message.Date = _time.GetUtcNow();
        message.MessageId = verp + "@" + _options.EffectiveMessageIdDomain;
        message.Headers.Add(HeaderId.ListId, $"<list-{mailing.ListId.ToString(CultureInfo.InvariantCulture)}.{_options.ReturnPathDomain}>");
        message.Headers.Add(HeaderId.ListUnsubscribe, ListUnsubscribe(labels.UnsubscribeUrl, verp));
        message.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
        message.Headers.Add("Feedback-ID", string.Create(CultureInfo.InvariantCulture, $"{mailing.Id}:{mailing.ListId}:smtp:{_options.FeedbackIdSender}"));
        message.Headers.Add(HeaderId.Precedence, "bulk");
        var body = new BodyBuilder
        {
            TextBody = MailingTemplate.Render(plan.Text, labels, html: false),
            HtmlBody = MailingTemplate.Render(plan.Html, labels, html: true),
        };
        message.Body = body.ToMessageBody();
        Sign(message);
        var sender = new MailboxAddress(null, $"{_options.BounceLocalPart}+{verp}@{_options.ReturnPathDomain}");
        return new ComposedMessage(message, sender, MailboxAddress.Parse(work.Email), verp);
    }

    /// <summary>
    /// A test message of a compiled mailing to any address, with the labels filled from <paramref name="sample"/>;
    /// its links point to their destinations and it carries no working tokens.
    /// </summary>
    public ComposedMessage ComposeTest(StoredMailing mailing, IReadOnlyList<string> links, string address, IReadOnlyDictionary<string, string?> sample)
    {
        var plan = new Plan(mailing);
        var labels = new SampleLabels(links, address, sample, _trackingBase);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(mailing.FromName, mailing.FromAddress));
        message.To.Add(MailboxAddress.Parse(address));
        if (!string.IsNullOrWhiteSpace(mailing.ReplyTo))
            message.ReplyTo.Add(MailboxAddress.Parse(mailing.ReplyTo));
        message.Subject = "[Test] " + MailingTemplate.Render(plan.Subject, labels, html: false);
        message.Date = _time.GetUtcNow();
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(_options.EffectiveMessageIdDomain);
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{labels.UnsubscribeUrl}>");
        message.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
        message.Headers.Add("Feedback-ID", string.Create(CultureInfo.InvariantCulture, $"{mailing.Id}:{mailing.ListId}:smtp-test:{_options.FeedbackIdSender}"));
        message.Body = new BodyBuilder
        {
            TextBody = MailingTemplate.Render(plan.Text, labels, html: false),
            HtmlBody = MailingTemplate.Render(plan.Html, labels, html: true),
        }.ToMessageBody();
        Sign(message);
        var sender = new MailboxAddress(null, $"{_options.BounceLocalPart}@{_options.ReturnPathDomain}");
        return new ComposedMessage(message, sender, MailboxAddress.Parse(address), "test");
    }

    private void Sign(MimeMessage message)
    {
        if (_signer is null)
            return;
        // Fix the transfer encodings before signing so that no transport re-encodes the signed body.
        message.Prepare(EncodingConstraint.SevenBit);
        _signer.Sign(message, SignedHeaderNames);
    }

    private string ListUnsubscribe(string httpsUrl, string verp) =>
        _options.UnsubscribeLocalPart is { } local
            ? $"<{httpsUrl}>, <mailto:{local}+{verp}@{_options.ReturnPathDomain}?subject=unsubscribe>"
            : $"<{httpsUrl}>";

    private sealed class Plan(StoredMailing mailing)
    {
        public IReadOnlyList<Segment> Subject { get; } = MailingTemplate.Parse(mailing.Subject);

        public IReadOnlyList<Segment> Html { get; } = MailingTemplate.Parse(mailing.HtmlTemplate);

        public IReadOnlyList<Segment> Text { get; } = MailingTemplate.Parse(mailing.TextTemplate);
    }

    private sealed class RecipientLabels(MessageComposer composer, DeliveryWork work) : ILabelSource
    {
        private string? _open;
        private string? _unsubscribe;

        public string OpenUrl => _open ??= composer._trackingBase + "/o/" + composer._tokens.CreateTrackingToken(TokenPurpose.Open, work.DeliveryId) + ".gif";

        public string UnsubscribeUrl => _unsubscribe ??= composer._trackingBase + "/u/" + composer._tokens.CreateTrackingToken(TokenPurpose.Unsubscribe, work.DeliveryId);

        public string LinkUrl(int index) => composer._trackingBase + "/c/" + composer._tokens.CreateTrackingToken(TokenPurpose.Click, work.DeliveryId, index);

        public string? Label(string name) => FieldLabel(work.Fields, work.Email, name);
    }

    private sealed class SampleLabels(IReadOnlyList<string> links, string address, IReadOnlyDictionary<string, string?> sample, string trackingBase) : ILabelSource
    {
        public string OpenUrl => trackingBase + "/o/test.gif";

        public string UnsubscribeUrl => trackingBase + "/u/test";

        public string LinkUrl(int index) => MailingTemplate.RenderUrl(links[index], Label);

        public string? Label(string name) => FieldLabel(sample, address, name);
    }

    internal static string? FieldLabel(IReadOnlyDictionary<string, string?> fields, string? email, string name)
    {
        if (name.Equals(MailingTemplate.EmailLabel, StringComparison.OrdinalIgnoreCase))
            return email;
        if (fields.TryGetValue(name, out var exact))
            return exact;
        foreach (var (key, value) in fields)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }
}
