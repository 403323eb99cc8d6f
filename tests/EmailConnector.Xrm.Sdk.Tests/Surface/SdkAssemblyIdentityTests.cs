using EmailConnector.Testing.Metadata;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>A plugin binds to the SDK by full identity; ours must carry the real one on both targets.</summary>
public class SdkAssemblyIdentityTests
{
    private const string MicrosoftSdkToken = "31bf3856ad364e35";

    public static TheoryData<string, string> Builds => SdkBuilds.All;

    [Theory]
    [MemberData(nameof(Builds))]
    public void Identity_OfBuild_IsTheRealSdkIdentity(string assemblyName, string target)
    {
        var assembly = BuiltAssembly.Read(SdkBuilds.PathOf(assemblyName, target));

        Assert.Equal($"{assemblyName}, Version=9.0.0.0, Culture=neutral, PublicKeyToken={MicrosoftSdkToken}", assembly.Identity.DisplayName);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void Signature_OfBuild_IsPublicSignOnly(string assemblyName, string target)
    {
        // Only Microsoft's public key is known: the identity is real, the signature blob stays empty.
        var assembly = BuiltAssembly.Read(SdkBuilds.PathOf(assemblyName, target));

        Assert.True(assembly.StrongNameSignedFlag);
        Assert.False(assembly.HasStrongNameSignature);
    }

    [Theory]
    [InlineData(SdkBuilds.XrmSdk, SdkBuilds.NetFramework, ".NETFramework,Version=v4.6.2")]
    [InlineData(SdkBuilds.CrmSdkProxy, SdkBuilds.NetFramework, ".NETFramework,Version=v4.6.2")]
    [InlineData(SdkBuilds.XrmSdk, SdkBuilds.NetStandard, ".NETStandard,Version=v2.0")]
    [InlineData(SdkBuilds.CrmSdkProxy, SdkBuilds.NetStandard, ".NETStandard,Version=v2.0")]
    public void TargetFramework_OfBuild_IsTheTargetPluginsOrTestsUse(string assemblyName, string target, string expected)
    {
        var assembly = BuiltAssembly.Read(SdkBuilds.PathOf(assemblyName, target));

        Assert.Equal(expected, assembly.TargetFramework);
    }

    [Fact]
    public void References_OfNet462Proxy_NameTheSdkWithItsRealIdentity()
    {
        // The real Microsoft.Crm.Sdk.Proxy references Microsoft.Xrm.Sdk 9.0.0.0 by its token; a reference without it would not bind.
        var proxy = BuiltAssembly.Read(SdkBuilds.PathOf(SdkBuilds.CrmSdkProxy, SdkBuilds.NetFramework));

        var sdk = Assert.Single(proxy.References, r => r.Name == SdkBuilds.XrmSdk);
        Assert.Equal($"{SdkBuilds.XrmSdk}, Version=9.0.0.0, Culture=neutral, PublicKeyToken={MicrosoftSdkToken}", sdk.DisplayName);
    }
}
