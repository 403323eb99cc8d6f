using System.Globalization;
using System.Text;
using MimeKit;

namespace EmailConnector.Platforms.Smtp.Delivery;

/// <summary>
/// Writes each message as an .eml file (CRLF line ends) into a pickup folder, preceded by <c>X-Sender</c> and
/// <c>X-Receiver</c> lines carrying the envelope, as IIS/Exchange pickup folders expect. Files appear atomically:
/// written under a temporary name, then renamed.
/// </summary>
internal sealed class PickupFolderTransport(string folder, TimeProvider time) : IMessageTransport
{
    private static readonly FormatOptions Format = CreateFormat();
    private long _counter;

    public string Folder { get; } = folder;

    public Task<ITransportSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<ITransportSession>(new Session(this));
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    private sealed class Session(PickupFolderTransport owner) : ITransportSession
    {
        public async Task<TransportReply> SendAsync(MimeMessage message, MailboxAddress envelopeSender, MailboxAddress recipient, string envelopeId, CancellationToken cancellationToken)
        {
            var name = string.Create(CultureInfo.InvariantCulture,
                $"{owner.UtcTicks()}-{Environment.ProcessId}-{Interlocked.Increment(ref owner._counter)}");
            var temporary = Path.Combine(owner.Folder, name + ".tmp");
            try
            {
                await using (var stream = File.Create(temporary))
                {
                    var envelope = Encoding.ASCII.GetBytes($"X-Sender: <{envelopeSender.Address}>\r\nX-Receiver: <{recipient.Address}>\r\n");
                    await stream.WriteAsync(envelope, cancellationToken);
                    await message.WriteToAsync(Format, stream, cancellationToken);
                }
                File.Move(temporary, Path.Combine(owner.Folder, name + ".eml"));
            }
            catch (IOException e)
            {
                throw new TransportUnavailableException("The pickup folder cannot be written.", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new TransportUnavailableException("The pickup folder cannot be written.", e);
            }
            return TransportReply.Queued;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private long UtcTicks() => time.GetUtcNow().UtcTicks;
}
