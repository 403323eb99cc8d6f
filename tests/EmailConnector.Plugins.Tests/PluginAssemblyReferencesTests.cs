using System.Buffers.Binary;
using EmailConnector.Plugins.Contact;
using EmailConnector.Testing;
using EmailConnector.Testing.Metadata;

namespace EmailConnector.Plugins.Tests;

/// <summary>
/// Reads the built net462 plugin (the binary this test project runs, which is what Dataverse loads) and checks that it
/// binds in the sandbox: only the SDK with its real identity and the .NET Framework, signed with our own key.
/// </summary>
public class PluginAssemblyReferencesTests
{
    private const string SdkIdentitySuffix = ", Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35";

    // Public key tokens of the .NET Framework's own assemblies (ECMA, Microsoft, and the one System.Web & co. use).
    private static readonly HashSet<string> FrameworkTokens = ["b77a5c561934e089", "b03f5f7f11d50a3a", "31bf3856ad364e35"];

    // Assemblies of the .NET Framework 4.x itself, as a plugin may reference them. Facades (System.Runtime, netstandard,
    // System.Collections, …) are deliberately absent: a net462 sandbox resolves them only if the plugin ships them.
    private static readonly HashSet<string> FrameworkAssemblies =
    [
        "mscorlib", "System", "System.Core", "System.Data", "System.Drawing", "System.IdentityModel", "System.Net.Http",
        "System.Numerics", "System.Runtime.Serialization", "System.Security", "System.ServiceModel", "System.ServiceModel.Web",
        "System.Transactions", "System.Web", "System.Xml", "System.Xml.Linq", "System.ComponentModel.DataAnnotations",
        "System.Configuration", "Microsoft.CSharp",
    ];

    private static readonly string[] SdkAssemblies = ["Microsoft.Xrm.Sdk", "Microsoft.Crm.Sdk.Proxy"];

    private static string PluginPath => typeof(ContactOnUpdatePostOperation).Assembly.Location;

    [Fact]
    public void References_OfPlugin_AreOnlyTheSdkAndTheNetFramework()
    {
        var plugin = BuiltAssembly.Read(PluginPath);

        var unexpected = plugin.References.Where(r => !IsSdk(r) && !IsFramework(r)).Select(r => r.DisplayName).ToList();

        Assert.True(unexpected.Count == 0,
            "The plugin references assemblies Dataverse does not provide:\n  " + string.Join("\n  ", unexpected));
    }

    [Fact]
    public void References_OfPlugin_NameXrmSdkWithItsRealIdentity()
    {
        var plugin = BuiltAssembly.Read(PluginPath);

        var sdk = Assert.Single(plugin.References, r => r.Name == "Microsoft.Xrm.Sdk");
        Assert.Equal("Microsoft.Xrm.Sdk" + SdkIdentitySuffix, sdk.DisplayName);
    }

    [Fact]
    public void References_OfPluginToSdkAssemblies_AllCarryTheRealIdentity()
    {
        var plugin = BuiltAssembly.Read(PluginPath);

        // Microsoft.Crm.Sdk.Proxy is optional; when referenced it must bind exactly like Microsoft.Xrm.Sdk.
        foreach (var reference in plugin.References.Where(r => SdkAssemblies.Contains(r.Name)))
            Assert.Equal(reference.Name + SdkIdentitySuffix, reference.DisplayName);
    }

    [Fact]
    public void TargetFramework_OfPlugin_IsNetFramework462()
    {
        Assert.Equal(".NETFramework,Version=v4.6.2", BuiltAssembly.Read(PluginPath).TargetFramework);
    }

    [Fact]
    public void Plugin_IsFullyStrongNameSignedWithTheProjectsOwnKey()
    {
        var plugin = BuiltAssembly.Read(PluginPath);
        var (bitLength, exponent, modulus) = ReadSnkPublicPart(Path.Combine(RepositoryPaths.Root, "src", "EmailConnector.Plugins", "EmailConnector.Plugins.snk"));

        Assert.NotEmpty(plugin.PublicKey);
        Assert.True(plugin.StrongNameSignedFlag, "CorFlags lacks StrongNameSigned.");
        Assert.True(plugin.HasStrongNameSignature, "The strong-name signature is empty (public-signed or delay-signed, which Dataverse rejects).");
        Assert.DoesNotContain(plugin.Identity.PublicKeyToken, FrameworkTokens);

        // Public key blob: 12-byte header, BLOBHEADER (8), RSAPUBKEY ("RSA1", bit length, exponent), modulus.
        var key = plugin.PublicKey;
        Assert.Equal("RSA1"u8.ToArray(), key[20..24]);
        Assert.Equal(bitLength, BinaryPrimitives.ReadUInt32LittleEndian(key.AsSpan(24)));
        Assert.Equal(exponent, BinaryPrimitives.ReadUInt32LittleEndian(key.AsSpan(28)));
        Assert.Equal(modulus, key[32..]);
    }

    [Fact]
    public void BuildOutput_OfPlugin_HoldsThePluginButNotTheSdk()
    {
        var folder = BuildOutputs.FolderOf("EmailConnector.Plugins", "net462");
        var built = Path.Combine(folder, "EmailConnector.Plugins.dll");

        Assert.True(File.Exists(built), "The plugin's own build output is missing: " + built);
        // The binary under test is the deployed one, byte for byte.
        Assert.Equal(File.ReadAllBytes(built), File.ReadAllBytes(PluginPath));
        var shipped = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        foreach (var sdk in SdkAssemblies)
            Assert.DoesNotContain(shipped, f => f!.StartsWith(sdk + ".", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsSdk(AssemblyIdentity reference) =>
        SdkAssemblies.Contains(reference.Name) && reference.DisplayName == reference.Name + SdkIdentitySuffix;

    private static bool IsFramework(AssemblyIdentity reference) =>
        FrameworkAssemblies.Contains(reference.Name)
        && reference.Version == new Version(4, 0, 0, 0)
        && reference.Culture.Length == 0
        && FrameworkTokens.Contains(reference.PublicKeyToken);

    // An .snk is a CryptoAPI PRIVATEKEYBLOB: BLOBHEADER (8), RSAPUBKEY ("RSA2", bit length, exponent), modulus, private parts.
    private static (uint BitLength, uint Exponent, byte[] Modulus) ReadSnkPublicPart(string path)
    {
        var snk = File.ReadAllBytes(path);
        Assert.Equal("RSA2"u8.ToArray(), snk[8..12]);
        var bitLength = BinaryPrimitives.ReadUInt32LittleEndian(snk.AsSpan(12));
        var exponent = BinaryPrimitives.ReadUInt32LittleEndian(snk.AsSpan(16));
        return (bitLength, exponent, snk[20..(20 + (int)(bitLength / 8))]);
    }
}
