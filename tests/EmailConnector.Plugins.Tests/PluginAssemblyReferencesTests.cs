using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EmailConnector.Plugins.Tests;

public class PluginAssemblyReferencesTests
{
    [Fact]
    public void Placeholder_Loads()
    {
        var path = typeof(EmailConnector.Plugins.PlaceholderPlugin).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var names = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
        Assert.Contains("Microsoft.Xrm.Sdk", names);
    }
}
