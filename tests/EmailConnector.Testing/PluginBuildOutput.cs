using System.Reflection;

namespace EmailConnector.Testing;

/// <summary>
/// The signed net462 plugin DLL in src/EmailConnector.Plugins' build output, built in the same configuration as the
/// calling tests (test projects reference the plugin project with ReferenceOutputAssembly=false to build it first).
/// </summary>
public static class PluginBuildOutput
{
    public static string AssemblyPath(Assembly testAssembly)
    {
        var configuration = testAssembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryPaths.Root, "src", "EmailConnector.Plugins", "bin", configuration, "net462", "EmailConnector.Plugins.dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The plugin DLL {path} is missing; build src/EmailConnector.Plugins -c {configuration}.", path);
        return path;
    }
}
