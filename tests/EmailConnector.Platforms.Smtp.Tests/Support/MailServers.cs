using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EmailConnector.Platforms.Smtp.Tests.Support;

/// <summary>
/// Postfix, its smtp-sink and Dovecot started by the tests themselves: private configuration and queue folders,
/// 127.0.0.1 only, ephemeral ports, stopped at the end. Outbound delivery is disabled in the Postfix instance
/// (default_transport = error), so nothing leaves the machine.
/// </summary>
internal static class MailServers
{
    public static string? MissingPostfix() =>
        !File.Exists("/usr/sbin/postfix") || !File.Exists("/usr/sbin/smtp-sink")
            ? "Postfix is not installed (apt-get install postfix; CI's .ci/run installs it)."
            : !IsRoot() ? "A private Postfix instance needs root (its master process switches to the postfix user)." : null;

    public static string? MissingDovecot() =>
        MissingPostfix() ?? (!File.Exists("/usr/sbin/dovecot") ? "Dovecot is not installed (apt-get install dovecot-imapd; CI's .ci/run installs it)." : null);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string NewFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ec-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>Runs a command that leaves a daemon behind: its output is not captured, or reading it would wait for the daemon.</summary>
    public static int RunDaemon(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = false, RedirectStandardError = false, RedirectStandardInput = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Polls (real time: the servers run on the wall clock) until <paramref name="condition"/> holds.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
                return true;
            await Task.Delay(200);
        }
        return await condition();
    }

    private static bool IsRoot() => Run("/usr/bin/id", "-u").Output.Trim() == "0";
}

/// <summary>Postfix's smtp-sink on a loopback port: a fast test relay that can answer RCPT with a chosen 4xx or 5xx.</summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts smtp-sink; <paramref name="options"/> e.g. <c>-r rcpt -b "452 4.2.2 Mailbox full"</c>.</summary>
    public static async Task<SmtpSink> StartAsync(int? port = null, params string[] options)
    {
        var chosen = port ?? MailServers.FreePort();
        var start = new ProcessStartInfo("/usr/sbin/smtp-sink") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var option in new[] { "-u", "nobody" }.Concat(options).Append($"127.0.0.1:{chosen}").Append("256"))
            start.ArgumentList.Add(option);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await MailServers.WaitForPortAsync(chosen, TimeSpan.FromSeconds(10));
        return new SmtpSink(process, chosen);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}

/// <summary>
/// A private Postfix: mail for <c>users.test</c> goes to virtual Maildirs (unknown users refused at RCPT with
/// 5.1.1), mail for <c>dsn.test</c> is accepted and then bounced by local(8) ("unknown user": a real DSN),
/// <c>bounces.test</c> holds the bounce mailbox <c>b</c> (VERP: <c>b+token@</c>), and everything else fails at once.
/// </summary>
internal sealed class PostfixInstance : IDisposable
{
    private PostfixInstance(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public string MailRoot => Path.Combine(Folder, "mail");

    /// <summary>The Maildir of the bounce mailbox.</summary>
    public string BounceMaildir => Path.Combine(MailRoot, "bounces.test", "b");

    public static async Task<PostfixInstance> StartAsync(IEnumerable<string> knownUsers)
    {
        var folder = MailServers.NewFolder("postfix");
        var port = MailServers.FreePort();
        var mail = Path.Combine(folder, "mail");
        Directory.CreateDirectory(mail);
        Directory.CreateDirectory(Path.Combine(folder, "queue"));
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        MailServers.Run("/bin/chown", "postfix:postfix", Path.Combine(folder, "data"));
        MailServers.Run("/bin/chown", "mail:mail", mail);
        var mailboxes = knownUsers.Select(u => $"{u} users.test/{u.Split('@')[0]}/").Append("b@bounces.test bounces.test/b/");
        File.WriteAllLines(Path.Combine(folder, "vmailbox"), mailboxes);
        File.WriteAllText(Path.Combine(folder, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {folder}/queue
            data_directory = {folder}/data
            command_directory = /usr/sbin
            daemon_directory = /usr/lib/postfix/sbin
            shlib_directory = /usr/lib/postfix
            mail_owner = postfix
            setgid_group = postdrop
            syslog_name = ec-test-postfix
            maillog_file = {folder}/maillog
            maillog_file_prefixes = {folder}
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            myhostname = mx.test
            mydomain = test
            myorigin = test
            mydestination = dsn.test
            local_recipient_maps =
            alias_maps =
            alias_database =
            mynetworks = 127.0.0.0/8
            relayhost =
            default_transport = error:outbound mail is disabled in tests
            relay_transport = error:outbound mail is disabled in tests
            smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
            virtual_mailbox_domains = users.test, bounces.test
            virtual_mailbox_base = {mail}
            virtual_mailbox_maps = texthash:{folder}/vmailbox
            virtual_uid_maps = static:8
            virtual_gid_maps = static:8
            virtual_minimum_uid = 8
            recipient_delimiter = +
            smtputf8_enable = no
            biff = no
            delay_warning_time = 0
            bounce_queue_lifetime = 1d
            """);
        File.WriteAllText(Path.Combine(folder, "master.cf"), $"""
            127.0.0.1:{port} inet n - n - - smtpd
            pickup    unix  n       -       n       60      1       pickup
            cleanup   unix  n       -       n       -       0       cleanup
            qmgr      unix  n       -       n       300     1       qmgr
            rewrite   unix  -       -       n       -       -       trivial-rewrite
            bounce    unix  -       -       n       -       0       bounce
            defer     unix  -       -       n       -       0       bounce
            trace     unix  -       -       n       -       0       bounce
            verify    unix  -       -       n       -       1       verify
            flush     unix  n       -       n       1000?   0       flush
            proxymap  unix  -       -       n       -       -       proxymap
            proxywrite unix -       -       n       -       1       proxymap
            smtp      unix  -       -       n       -       -       smtp
            relay     unix  -       -       n       -       -       smtp
            showq     unix  n       -       n       -       -       showq
            error     unix  -       -       n       -       -       error
            retry     unix  -       -       n       -       -       error
            discard   unix  -       -       n       -       -       discard
            local     unix  -       n       n       -       -       local
            virtual   unix  -       n       n       -       -       virtual
            anvil     unix  -       -       n       -       1       anvil
            scache    unix  -       -       n       -       1       scache
            postlog   unix-dgram n  -       n       -       1       postlogd
            """);
        // postfix(1) reports start-up errors only to syslog or a terminal: script(1) lends it one so the test can show them.
        var (code, output) = MailServers.Run("/usr/bin/script", "-qec", $"/usr/sbin/postfix -c {folder} start", "/dev/null");
        if (code != 0)
            throw new InvalidOperationException("postfix start failed: " + output);
        await MailServers.WaitForPortAsync(port, TimeSpan.FromSeconds(20));
        return new PostfixInstance(folder, port);
    }

    public string Log() => File.Exists(Path.Combine(Folder, "maillog")) ? File.ReadAllText(Path.Combine(Folder, "maillog")) : string.Empty;

    public void Dispose()
    {
        MailServers.Run("/usr/sbin/postfix", "-c", Folder, "stop");
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Postfix daemons may still be exiting; the temp folder is left behind.
        }
    }
}

/// <summary>A private Dovecot serving the Postfix instance's Maildirs over IMAP on a loopback port (no TLS, test password).</summary>
internal sealed class DovecotInstance : IDisposable
{
    private DovecotInstance(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public const string Password = "test-only-password";

    /// <summary>Serves <paramref name="mailRoot"/>/&lt;domain&gt;/&lt;user&gt; as the mailbox of user@domain.</summary>
    public static async Task<DovecotInstance> StartAsync(string mailRoot, IEnumerable<string> users)
    {
        var folder = MailServers.NewFolder("dovecot");
        var port = MailServers.FreePort();
        File.WriteAllLines(Path.Combine(folder, "users"), users.Select(u => $"{u}:{{PLAIN}}{Password}"));
        File.WriteAllText(Path.Combine(folder, "dovecot.conf"), $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{folder}}/run
            state_dir = {{folder}}/state
            log_path = {{folder}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 8
            mail_location = maildir:{{mailRoot}}/%d/%n
            default_internal_user = dovecot
            default_login_user = dovenull
            passdb {
              driver = passwd-file
              args = {{folder}}/users
            }
            userdb {
              driver = static
              args = uid=8 gid=8 home={{mailRoot}}/%d/%n
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            service imap-login {
              chroot =
            }
            """);
        if (MailServers.RunDaemon("/usr/sbin/dovecot", "-c", Path.Combine(folder, "dovecot.conf")) != 0)
            throw new InvalidOperationException("dovecot failed to start; see " + Path.Combine(folder, "dovecot.log"));
        await MailServers.WaitForPortAsync(port, TimeSpan.FromSeconds(20));
        return new DovecotInstance(folder, port);
    }

    public void Dispose()
    {
        MailServers.Run("/usr/bin/doveadm", "-c", Path.Combine(Folder, "dovecot.conf"), "stop");
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Dovecot may still be exiting; the temp folder is left behind.
        }
    }
}
