using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EmailConnector.Platforms.Smtp.Delivery;

/// <summary>
/// SMTP submission to a relay with MailKit: each session keeps one connection open and runs one transaction per
/// recipient over it (the VERP sender differs per recipient). Reply codes become <see cref="TransportReply"/>;
/// connection trouble becomes <see cref="TransportUnavailableException"/>.
/// </summary>
internal sealed class SmtpRelayTransport(SmtpRelayOptions options) : IMessageTransport
{
    public Task<ITransportSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ITransportSession>(new Session(options));

    internal static SecureSocketOptions ToMailKit(RelaySecurity security) => security switch
    {
        RelaySecurity.None => SecureSocketOptions.None,
        RelaySecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        RelaySecurity.StartTls => SecureSocketOptions.StartTls,
        RelaySecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.Auto,
    };

    private sealed class Session(SmtpRelayOptions options) : ITransportSession
    {
        private readonly DsnSmtpClient _client = new(options.RequestDsn) { Timeout = (int)options.Timeout.TotalMilliseconds };

        public async Task<TransportReply> SendAsync(MimeMessage message, MailboxAddress envelopeSender, MailboxAddress recipient, string envelopeId, CancellationToken cancellationToken)
        {
            await EnsureConnectedAsync(cancellationToken);
            _client.EnvelopeId = envelopeId;
            try
            {
                var reply = await _client.SendAsync(message, envelopeSender, [recipient], cancellationToken);
                return new TransportReply(TransportOutcome.Accepted, 250, reply);
            }
            catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.SenderNotAccepted && (int)e.StatusCode >= 500)
            {
                throw new TransportUnavailableException($"The relay refused the envelope sender ({(int)e.StatusCode}).", e);
            }
            catch (SmtpCommandException e)
            {
                var code = (int)e.StatusCode;
                var outcome = code is >= 400 and < 500
                    ? TransportOutcome.Deferred
                    : e.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? TransportOutcome.RecipientRejected : TransportOutcome.MessageRejected;
                return new TransportReply(outcome, code, e.Message);
            }
            catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException)
            {
                await DropAsync();
                throw new TransportUnavailableException("The connection to the relay failed during a transaction.", e);
            }
        }

        private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
        {
            if (_client.IsConnected)
                return;
            try
            {
                if (options.AcceptAnyCertificate)
                    _client.ServerCertificateValidationCallback = (_, _, _, _) => true;
                await _client.ConnectAsync(options.Host!, options.Port, ToMailKit(options.Security), cancellationToken);
                if (!string.IsNullOrEmpty(options.UserName))
                    await _client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or SocketException or SslHandshakeException or AuthenticationException)
            {
                await DropAsync();
                throw new TransportUnavailableException($"Cannot connect to the relay ({e.GetType().Name}).", e);
            }
        }

        private async Task DropAsync()
        {
            try
            {
                if (_client.IsConnected)
                    await _client.DisconnectAsync(quit: false);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException)
            {
                // The connection is gone either way.
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_client.IsConnected)
                    await _client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
            {
                // Closing anyway.
            }
            _client.Dispose();
        }
    }

    /// <summary>Asks for RFC 3461 failure and delay reports with our token as ENVID, where the relay offers DSN.</summary>
    private sealed class DsnSmtpClient(bool requestDsn) : SmtpClient
    {
        public string? EnvelopeId { get; set; }

        protected override string? GetEnvelopeId(MimeMessage message) => requestDsn ? EnvelopeId : null;

        protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
            requestDsn ? DeliveryStatusNotification.Failure | DeliveryStatusNotification.Delay : null;
    }
}
