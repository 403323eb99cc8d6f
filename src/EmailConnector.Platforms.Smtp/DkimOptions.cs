using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Platforms.Smtp;

/// <summary>The DKIM key that signs every message (RFC 6376). Publish the public key at <c>selector._domainkey.domain</c>.</summary>
public sealed class DkimOptions
{
    /// <summary>The signing domain (<c>d=</c>); the From domain must be it or a subdomain of it (DMARC alignment).</summary>
    [RegularExpression(@"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")]
    public string? Domain { get; set; }

    /// <summary>The selector (<c>s=</c>).</summary>
    [RegularExpression("^[A-Za-z0-9._-]+$")]
    public string? Selector { get; set; }

    /// <summary>The private key as PEM text (PKCS#1 or PKCS#8); or use <see cref="PrivateKeyFile"/>.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>A PEM file holding the private key.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>True when a key is configured.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector) &&
        (!string.IsNullOrWhiteSpace(PrivateKeyPem) || !string.IsNullOrWhiteSpace(PrivateKeyFile));
}
