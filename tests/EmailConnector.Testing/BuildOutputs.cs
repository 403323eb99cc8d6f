using System.Reflection;

namespace EmailConnector.Testing;

/// <summary>
/// Build outputs of src projects in their own bin folders, for checks that need a target other than the one the test
/// process loads (the net462 builds). The configuration is the one these test binaries were built with.
/// </summary>
public static class BuildOutputs
{
    public static string Configuration { get; } =
        typeof(BuildOutputs).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? throw new InvalidOperationException("EmailConnector.Testing carries no AssemblyConfigurationAttribute.");

    /// <summary>The output folder of <c>src/&lt;project&gt;</c> for one target framework, e.g. <c>src/EmailConnector.Plugins/bin/Release/net462</c>.</summary>
    public static string FolderOf(string project, string targetFramework) =>
        Path.Combine(RepositoryPaths.Root, "src", project, "bin", Configuration, targetFramework);

    /// <summary>The path of a file in that folder; fails with the expected path when the project was not built.</summary>
    public static string FileOf(string project, string targetFramework, string fileName)
    {
        var path = Path.Combine(FolderOf(project, targetFramework), fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"{fileName} is not where the {targetFramework} build of {project} puts it; the test project's ProjectReference should have built it.", path);
        return path;
    }
}
