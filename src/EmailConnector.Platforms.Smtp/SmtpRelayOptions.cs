using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Platforms.Smtp;

/// <summary>How the connection to the relay is secured (MailKit's <c>SecureSocketOptions</c>, by name).</summary>
public enum RelaySecurity
{
    None = 0,
    Auto = 1,
    SslOnConnect = 2,
    StartTls = 3,
    StartTlsWhenAvailable = 4,
}

/// <summary>The SMTP relay of <see cref="DeliveryMode.Relay"/>.</summary>
public sealed class SmtpRelayOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public RelaySecurity Security { get; set; } = RelaySecurity.StartTlsWhenAvailable;

    /// <summary>User for SMTP AUTH; none when empty.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Parallel connections to the relay, each reused for many transactions.</summary>
    [Range(1, 64)]
    public int MaxConnections { get; set; } = 4;

    /// <summary>Ask for RFC 3461 DSNs (NOTIFY=FAILURE,DELAY and ENVID) where the relay offers them.</summary>
    public bool RequestDsn { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Accept any server certificate (a test relay with a self-signed certificate).</summary>
    public bool AcceptAnyCertificate { get; set; }
}
