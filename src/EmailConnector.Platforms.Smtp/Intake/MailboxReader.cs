using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using EmailConnector.Platforms.Smtp.Delivery;
using EmailConnector.Platforms.Smtp.Store;

namespace EmailConnector.Platforms.Smtp.Intake;

/// <summary>
/// Reads the bounce mailbox (a Maildir folder or an IMAP mailbox) and hands each unread message to the
/// <see cref="InboundProcessor"/>; a message is marked read (Maildir: moved to <c>cur/</c> with the S flag; IMAP:
/// \Seen) only after it was stored, so a crash in between reads it again, and the store ignores the repeat.
/// </summary>
internal static class MailboxReader
{
    /// <summary>Processes what is waiting; returns the classifications of the messages processed.</summary>
    public static Task<IReadOnlyList<InboundKind>> ProcessAsync(IntakeOptions options, InboundProcessor processor, CancellationToken cancellationToken) =>
        options.Mode switch
        {
            IntakeMode.Maildir => ProcessMaildirAsync(options, processor, cancellationToken),
            IntakeMode.Imap => ProcessImapAsync(options, processor, cancellationToken),
            _ => Task.FromResult<IReadOnlyList<InboundKind>>([]),
        };

    private static async Task<IReadOnlyList<InboundKind>> ProcessMaildirAsync(IntakeOptions options, InboundProcessor processor, CancellationToken cancellationToken)
    {
        var root = options.MaildirPath ?? throw new InvalidOperationException("Intake:MaildirPath is not set.");
        var processed = new List<InboundKind>();
        var cur = Path.Combine(root, "cur");
        Directory.CreateDirectory(cur);
        var waiting = Files(Path.Combine(root, "new")).Concat(Files(cur).Where(f => !HasFlag(f, 'S'))).Take(options.BatchSize).ToList();
        foreach (var file in waiting)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            var unique = name.Split(':')[0];
            byte[] raw;
            try
            {
                raw = await File.ReadAllBytesAsync(file, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                continue; // another worker took it
            }
            processed.Add(await processor.ProcessAsync("maildir:" + unique, raw, cancellationToken));
            var flags = name.Contains(":2,", StringComparison.Ordinal) ? name[(name.IndexOf(":2,", StringComparison.Ordinal) + 3)..] : string.Empty;
            var seen = new string(flags.Append('S').Distinct().Order().ToArray());
            try
            {
                File.Move(file, Path.Combine(cur, unique + ":2," + seen), overwrite: true);
            }
            catch (FileNotFoundException)
            {
                // Moved by another reader meanwhile; the store has it once either way.
            }
        }
        return processed;
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal) : [];

    private static bool HasFlag(string file, char flag)
    {
        var name = Path.GetFileName(file);
        var info = name.IndexOf(":2,", StringComparison.Ordinal);
        return info >= 0 && name.IndexOf(flag, info + 3) >= 0;
    }

    private static async Task<IReadOnlyList<InboundKind>> ProcessImapAsync(IntakeOptions options, InboundProcessor processor, CancellationToken cancellationToken)
    {
        using var client = new ImapClient();
        if (options.AcceptAnyCertificate)
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync(options.ImapHost ?? throw new InvalidOperationException("Intake:ImapHost is not set."), options.ImapPort, SmtpRelayTransport.ToMailKit(options.ImapSecurity), cancellationToken);
        await client.AuthenticateAsync(options.ImapUserName ?? string.Empty, options.ImapPassword ?? string.Empty, cancellationToken);
        var folder = await client.GetFolderAsync(options.ImapFolder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var unseen = await folder.SearchAsync(SearchQuery.NotSeen, cancellationToken);
        var processed = new List<InboundKind>();
        foreach (var uid in unseen.Take(options.BatchSize))
        {
            byte[] raw;
            await using (var stream = await folder.GetStreamAsync(uid, cancellationToken))
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken);
                raw = buffer.ToArray();
            }
            var sourceId = $"imap:{options.ImapFolder}:{folder.UidValidity}:{uid.Id}";
            processed.Add(await processor.ProcessAsync(sourceId, raw, cancellationToken));
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        return processed;
    }
}
