using System.Security.Cryptography;

namespace EmailConnector.Platforms.Smtp.Tests.Support;

/// <summary>Keys generated once per test run (never committed).</summary>
internal static class TestKeys
{
    private static readonly Lazy<(string PrivatePem, string PublicBase64)> Dkim = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    });

    public static string DkimPrivateKeyPem => Dkim.Value.PrivatePem;

    /// <summary>The <c>p=</c> value of the DNS record.</summary>
    public static string DkimPublicKeyBase64 => Dkim.Value.PublicBase64;

    public const string DkimDomain = "example.com";

    public const string DkimSelector = "ec2026";

    /// <summary>The TXT record as DNS would serve it at <c>ec2026._domainkey.example.com</c>.</summary>
    public static string DkimTxtRecord => "v=DKIM1; k=rsa; p=" + DkimPublicKeyBase64;

    public static string TokenSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
