using System.Diagnostics;
using EmailConnector.Platforms.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace EmailConnector.Platforms.Smtp.Tests.Composition;

/// <summary>The rendered messages as they land in the pickup folder: headers, VERP, personalisation and DKIM.</summary>
public sealed class MessageComposerTests
{
    private const string PythonDkimCheck = """
        import sys, dkim
        key = sys.argv[1].encode()
        def dns(name, timeout=5):
            return key if name == b"ec2026._domainkey.example.com." else None
        message = sys.stdin.buffer.read()
        print("PASS" if dkim.verify(message, dnsfunc=dns) else "FAIL")
        """;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Compose_SignedMessage_VerifiesWithMimeKitsVerifier()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = (await sent.MessageOfAsync(0)).Message;

        var index = message.Headers.IndexOf(HeaderId.DkimSignature);
        var verified = await new DkimVerifier(new TestKeyLocator()).VerifyAsync(message, message.Headers[index]);

        Assert.True(index >= 0, "The message carries no DKIM-Signature.");
        Assert.True(verified);
    }

    [Fact]
    public async Task Compose_SignedMessage_SignsTheUnsubscribeHeadersAndFeedbackId()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = (await sent.MessageOfAsync(0)).Message;

        var signature = message.Headers[HeaderId.DkimSignature]!;
        var signed = signature.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("h=", StringComparison.Ordinal))[2..]
            .Split(':').Select(h => h.Trim().ToLowerInvariant()).ToList();

        Assert.Contains("list-unsubscribe", signed);
        Assert.Contains("list-unsubscribe-post", signed);
        Assert.Contains("feedback-id", signed);
        Assert.Contains("from", signed);
        Assert.Contains("d=example.com", signature.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compose_AlteredBody_NoLongerVerifies()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var raw = System.Text.Encoding.ASCII.GetString((await sent.MessageOfAsync(0)).Raw).Replace("Hello", "Hallo", StringComparison.Ordinal);
        var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(raw)));

        var verified = await new DkimVerifier(new TestKeyLocator()).VerifyAsync(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)]);

        Assert.False(verified);
    }

    [SkippableFact]
    public async Task Compose_SignedMessage_VerifiesWithPythonDkim()
    {
        Skip.IfNot(File.Exists("/usr/bin/python3") && Run("/usr/bin/python3", ["-c", "import dkim"], []).ExitCode == 0,
            "Debian's python3-dkim is not installed (apt-get install python3-dkim); the independent DKIM check needs it.");
        await using var sent = await SentMailing.CreateAsync(_time);
        var written = await sent.MessageOfAsync(0);

        var (exitCode, output) = Run("/usr/bin/python3", ["-c", PythonDkimCheck, TestKeys.DkimTxtRecord], written.Raw);

        Assert.Equal(0, exitCode);
        Assert.Equal("PASS", output.Trim());
    }

    [SkippableFact]
    public async Task Compose_AlteredSubject_FailsPythonDkim()
    {
        Skip.IfNot(File.Exists("/usr/bin/python3") && Run("/usr/bin/python3", ["-c", "import dkim"], []).ExitCode == 0,
            "Debian's python3-dkim is not installed (apt-get install python3-dkim); the independent DKIM check needs it.");
        await using var sent = await SentMailing.CreateAsync(_time);
        var raw = System.Text.Encoding.ASCII.GetString((await sent.MessageOfAsync(0)).Raw).Replace("Subject: Spring news", "Subject: Spring newz", StringComparison.Ordinal);

        var (_, output) = Run("/usr/bin/python3", ["-c", PythonDkimCheck, TestKeys.DkimTxtRecord], System.Text.Encoding.ASCII.GetBytes(raw));

        Assert.Equal("FAIL", output.Trim());
    }

    [Fact]
    public async Task Compose_Message_CarriesVerpSenderRfc8058HeadersAndFeedbackId()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var written = await sent.MessageOfAsync(0);
        var message = written.Message;

        Assert.Matches("^b\\+[a-z2-7]{34}@bounces\\.example\\.com$", written.EnvelopeSender);
        Assert.True(written.EnvelopeSender.Split('@')[0].Length <= 64);
        Assert.Equal(written.EnvelopeSender.Split('@')[0][2..] + "@bounces.example.com", message.MessageId);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers[HeaderId.ListUnsubscribePost]);
        Assert.Matches("^<http://127\\.0\\.0\\.1:\\d+/t/u/[A-Za-z0-9_-]+>, <mailto:u\\+[a-z2-7]{34}@bounces\\.example\\.com\\?subject=unsubscribe>$", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal($"{sent.MailingId}:{sent.ListId}:smtp:emailconnector", message.Headers["Feedback-ID"]);
        Assert.Equal(sent.Recipients[0].EmailAddress, written.EnvelopeRecipient);
    }

    [Fact]
    public async Task Compose_Message_IsPersonalisedAndHasAVisibleUnsubscribeLink()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = (await sent.MessageOfAsync(0)).Message;
        var name = sent.Recipients[0].Fields["FIRSTNAME"]!;

        Assert.Contains("Hello " + name, message.HtmlBody);
        Assert.Contains("Hello " + name, message.TextBody);
        Assert.Contains(">Unsubscribe</a>", message.HtmlBody);
        Assert.Matches("Unsubscribe \\(http://127\\.0\\.0\\.1:\\d+/t/u/", message.TextBody);
    }

    [Fact]
    public async Task SendMailing_WithoutADkimKey_IsRefusedUnlessAllowedForLocalUse()
    {
        var time = _time;
        await using var host = await SmtpTestHost.StartAsync(time, o => o.AllowUnsignedForLocalUse = false, signed: false);
        var list = await host.Platform.EnsureListAsync(EmailConnector.Testing.Some.ListDefinition(), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<EmailConnector.Core.Platforms.PlatformPermanentException>(() => host.Platform.SendMailingAsync(
            new EmailConnector.Core.Platforms.MailingRequest("k1", list.Id, "s", "news@example.com", null, null, "<p>x</p>"), CancellationToken.None));

        Assert.Contains("DKIM", refused.Message);
    }

    [Fact]
    public async Task SendMailing_SenderDomainNotAlignedWithTheDkimDomain_IsRefused()
    {
        await using var host = await SmtpTestHost.StartAsync(_time);
        var list = await host.Platform.EnsureListAsync(EmailConnector.Testing.Some.ListDefinition(), CancellationToken.None);

        await Assert.ThrowsAsync<EmailConnector.Core.Platforms.PlatformPermanentException>(() => host.Platform.SendMailingAsync(
            new EmailConnector.Core.Platforms.MailingRequest("k2", list.Id, "s", "news@other.example.org", null, null, "<p>x</p>"), CancellationToken.None));
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments, byte[] input)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>Serves the test key as DNS would serve the TXT record.</summary>
    private sealed class TestKeyLocator : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            domain == TestKeys.DkimDomain && selector == TestKeys.DkimSelector
                ? GetPublicKey(TestKeys.DkimTxtRecord)
                : throw new InvalidOperationException("Unknown DKIM key " + selector + "._domainkey." + domain);

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
