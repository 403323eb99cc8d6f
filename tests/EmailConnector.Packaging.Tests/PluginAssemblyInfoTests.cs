using EmailConnector.Testing;

namespace EmailConnector.Packaging.Tests;

public class PluginAssemblyInfoTests
{
    [Fact]
    public void Read_BuiltPlugin_StrongNameAndTypes()
    {
        var info = PluginAssemblyInfo.Read(PluginBuildOutput.AssemblyPath(typeof(PluginAssemblyInfoTests).Assembly));

        Assert.Equal("EmailConnector.Plugins", info.Name);
        Assert.Equal("EmailConnector.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=bd84471df665b5c2", info.FullName);
        Assert.Contains(info.TypeNames, t => t.StartsWith("EmailConnector.Plugins.", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MissingFile_FailsWithBuildHint()
    {
        var ex = Assert.Throws<PackagingException>(() => PluginAssemblyInfo.Read("/nonexistent/X.dll"));
        Assert.Contains("build src/EmailConnector.Plugins", ex.Message);
    }

    [Fact]
    public void Read_UnsignedAssembly_Rejected()
    {
        // The test assembly itself is not strong-name signed.
        var ex = Assert.Throws<PackagingException>(() => PluginAssemblyInfo.Read(typeof(PluginAssemblyInfoTests).Assembly.Location));
        Assert.Contains("not strong-name signed", ex.Message);
    }
}
