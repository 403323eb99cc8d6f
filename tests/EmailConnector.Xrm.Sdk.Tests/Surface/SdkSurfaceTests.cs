using EmailConnector.Testing;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>
/// Every public type and member we ship must exist in the real SDK listing of the same assembly, with the same shape;
/// otherwise a plugin that compiles here fails to bind in Dataverse.
/// </summary>
public class SdkSurfaceTests
{
    public static TheoryData<string, string> Builds => SdkBuilds.All;

    [SkippableTheory]
    [MemberData(nameof(Builds))]
    public void Surface_OfBuild_MatchesReferenceListing(string assemblyName, string target)
    {
        var reference = SurfaceListing.Load(SharedReference.PathOf($"xrm-sdk/{assemblyName}.surface.txt"));
        var otherName = SdkBuilds.OtherAssembly(assemblyName);
        var other = SurfaceListing.Load(SharedReference.PathOf($"xrm-sdk/{otherName}.surface.txt"));

        var shipped = MetadataSurfaceReader.Read(SdkBuilds.PathOf(assemblyName, target));
        var differences = SurfaceComparer.Compare(shipped, reference, other);

        Assert.True(differences.Count == 0,
            $"{assemblyName} ({target}) ships {differences.Count} member(s) or type(s) that differ from {assemblyName}.surface.txt:\n  "
            + string.Join("\n  ", differences));
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void Surface_OfBuild_ShipsPublicTypes(string assemblyName, string target)
    {
        // Guards the check above against passing vacuously because nothing was read.
        var shipped = MetadataSurfaceReader.Read(SdkBuilds.PathOf(assemblyName, target));

        Assert.Equal(assemblyName, shipped.AssemblyName);
        Assert.NotEmpty(shipped.Types);
    }

    [Fact]
    public void Surface_OfBothTargets_IsTheSame()
    {
        foreach (var assemblyName in new[] { SdkBuilds.XrmSdk, SdkBuilds.CrmSdkProxy })
        {
            var netStandard = MetadataSurfaceReader.Read(SdkBuilds.PathOf(assemblyName, SdkBuilds.NetStandard)).Render();
            var netFramework = MetadataSurfaceReader.Read(SdkBuilds.PathOf(assemblyName, SdkBuilds.NetFramework)).Render();

            Assert.Equal(netFramework, netStandard);
        }
    }
}
