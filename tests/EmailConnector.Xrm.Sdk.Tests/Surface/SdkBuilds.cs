using System.Reflection;
using EmailConnector.Testing;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>Where each build of our two SDK assemblies is: the netstandard2.0 build the test process loads, and the net462 build plugins compile against.</summary>
internal static class SdkBuilds
{
    public const string XrmSdk = "Microsoft.Xrm.Sdk";
    public const string CrmSdkProxy = "Microsoft.Crm.Sdk.Proxy";
    public const string NetStandard = "netstandard2.0";
    public const string NetFramework = "net462";

    public static TheoryData<string, string> All => new()
    {
        { XrmSdk, NetStandard },
        { XrmSdk, NetFramework },
        { CrmSdkProxy, NetStandard },
        { CrmSdkProxy, NetFramework },
    };

    public static string PathOf(string assemblyName, string target) => target switch
    {
        // Loaded by name, as the emulator and the tests load it: the copy the test process really runs.
        NetStandard => Assembly.Load(new AssemblyName(assemblyName)).Location,
        NetFramework => BuildOutputs.FileOf(ProjectOf(assemblyName), NetFramework, assemblyName + ".dll"),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Our SDK targets netstandard2.0 and net462 only."),
    };

    public static string OtherAssembly(string assemblyName) => assemblyName == XrmSdk ? CrmSdkProxy : XrmSdk;

    private static string ProjectOf(string assemblyName) => assemblyName switch
    {
        XrmSdk => "EmailConnector.Xrm.Sdk",
        CrmSdkProxy => "EmailConnector.Crm.Sdk.Proxy",
        _ => throw new ArgumentOutOfRangeException(nameof(assemblyName), assemblyName, "Not one of our SDK assemblies."),
    };
}
