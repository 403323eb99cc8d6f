using MimeKit;

namespace EmailConnector.Platforms.Smtp.Tests.Support;

/// <summary>Reads what pickup delivery wrote: each .eml with its envelope lines.</summary>
internal static class PickupFolder
{
    public sealed record Written(string Path, string EnvelopeSender, string EnvelopeRecipient, MimeMessage Message, byte[] Raw);

    public static IReadOnlyList<Written> Read(string folder)
    {
        if (!Directory.Exists(folder))
            return [];
        return Directory.EnumerateFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(path =>
        {
            var raw = File.ReadAllBytes(path);
            var message = MimeMessage.Load(new MemoryStream(raw));
            var sender = message.Headers["X-Sender"]!.Trim().Trim('<', '>');
            var recipient = message.Headers["X-Receiver"]!.Trim().Trim('<', '>');
            return new Written(path, sender, recipient, message, raw);
        }).ToList();
    }

    /// <summary>The message sent to <paramref name="address"/> (the last one when there are several).</summary>
    public static Written To(string folder, string address) =>
        Read(folder).Last(w => string.Equals(w.EnvelopeRecipient, address, StringComparison.OrdinalIgnoreCase));
}
