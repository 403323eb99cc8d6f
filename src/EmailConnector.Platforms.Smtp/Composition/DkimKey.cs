using System.Security.Cryptography;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace EmailConnector.Platforms.Smtp.Composition;

/// <summary>
/// Loads the configured DKIM key and creates MimeKit's signer. RSA keys (PKCS#1 or PKCS#8 PEM) sign through .NET's
/// RSA (OpenSSL) rather than BouncyCastle's managed RSA: same signature, several times faster per message.
/// </summary>
internal static class DkimKey
{
    /// <summary>The signer for <paramref name="options"/>, or null when no key is configured.</summary>
    public static DkimSigner? CreateSigner(DkimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
            return null;
        var pem = !string.IsNullOrWhiteSpace(options.PrivateKeyPem) ? options.PrivateKeyPem! : File.ReadAllText(options.PrivateKeyFile!);
        return CreateSigner(pem, options.Domain!, options.Selector!);
    }

    public static DkimSigner CreateSigner(string pem, string domain, string selector)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException("The DKIM private key is not an RSA key in PEM form (PKCS#1 or PKCS#8).", e);
        }
        if (rsa.KeySize < 1024)
            throw new InvalidOperationException($"The DKIM key has {rsa.KeySize} bits; RFC 8301 requires at least 1024 (use 2048).");
        var parameters = rsa.ExportParameters(includePrivateParameters: true);
        var keyPair = DotNetUtilities.GetRsaKeyPair(parameters);
        return new SystemRsaDkimSigner(parameters, keyPair.Private, domain, selector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            AgentOrUserIdentifier = null,
        };
    }

    private sealed class SystemRsaDkimSigner : DkimSigner
    {
        private readonly ThreadLocal<RSA> _rsa;

        public SystemRsaDkimSigner(RSAParameters parameters, AsymmetricKeyParameter key, string domain, string selector)
            : base(key, domain, selector, DkimSignatureAlgorithm.RsaSha256)
        {
            // RSA instances are not documented as thread-safe; the dispatcher signs on several threads.
            _rsa = new ThreadLocal<RSA>(() =>
            {
                var rsa = RSA.Create();
                rsa.ImportParameters(parameters);
                return rsa;
            });
        }

        protected override ISigner CreateSigningContext() => new RsaSha256Signer(_rsa.Value!);
    }

    private sealed class RsaSha256Signer(RSA rsa) : ISigner
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string AlgorithmName => "SHA256withRSA";

        public void Init(bool forSigning, ICipherParameters parameters)
        {
            if (!forSigning)
                throw new NotSupportedException("This signer only signs; verification goes through MimeKit's DkimVerifier.");
        }

        public void Update(byte input) => _hash.AppendData([input]);

        public void BlockUpdate(byte[] input, int inOff, int inLen) => _hash.AppendData(input, inOff, inLen);

        public void BlockUpdate(ReadOnlySpan<byte> input) => _hash.AppendData(input);

        public int GetMaxSignatureSize() => rsa.KeySize / 8;

        public byte[] GenerateSignature() => rsa.SignHash(_hash.GetHashAndReset(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        public bool VerifySignature(byte[] signature) =>
            throw new NotSupportedException("This signer only signs; verification goes through MimeKit's DkimVerifier.");

        public void Reset() => _hash.GetHashAndReset();
    }
}
