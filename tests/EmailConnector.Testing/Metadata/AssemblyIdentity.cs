using System.Globalization;
using System.Reflection.Metadata;
using System.Security.Cryptography;

namespace EmailConnector.Testing.Metadata;

/// <summary>An assembly name as the loader compares it: simple name, version, culture and public key token.</summary>
public sealed record AssemblyIdentity(string Name, Version Version, string Culture, string PublicKeyToken)
{
    public string DisplayName =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Name}, Version={Version}, Culture={(Culture.Length == 0 ? "neutral" : Culture)}, PublicKeyToken={(PublicKeyToken.Length == 0 ? "null" : PublicKeyToken)}");

    public override string ToString() => DisplayName;

    internal static AssemblyIdentity Of(MetadataReader reader, AssemblyDefinition definition) =>
        new(reader.GetString(definition.Name), definition.Version, reader.GetString(definition.Culture),
            TokenOf(reader.GetBlobBytes(definition.PublicKey)));

    internal static AssemblyIdentity Of(MetadataReader reader, AssemblyReference reference)
    {
        var keyOrToken = reader.GetBlobBytes(reference.PublicKeyOrToken);
        var token = (reference.Flags & System.Reflection.AssemblyFlags.PublicKey) != 0 ? TokenOf(keyOrToken) : Convert.ToHexStringLower(keyOrToken);
        return new(reader.GetString(reference.Name), reference.Version, reader.GetString(reference.Culture), token);
    }

    /// <summary>The public key token: the last eight bytes of the key's SHA-1 hash, in reverse order (ECMA-335 II.6.2.1.3).</summary>
    public static string TokenOf(byte[] publicKey)
    {
        if (publicKey.Length == 0)
            return string.Empty;
#pragma warning disable CA5350 // SHA-1 is what the runtime uses for tokens; nothing here is a security decision.
        var hash = SHA1.HashData(publicKey);
#pragma warning restore CA5350
        var token = hash[^8..];
        Array.Reverse(token);
        return Convert.ToHexStringLower(token);
    }
}
