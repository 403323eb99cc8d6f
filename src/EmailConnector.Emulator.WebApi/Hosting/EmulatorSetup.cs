using System.Reflection;
using EmailConnector.Emulator.Pipeline;

namespace EmailConnector.Emulator.WebApi.Hosting;

/// <summary>
/// How a locally run emulator finds our solution and the built plugin assembly, and builds the organization from
/// them. Shared by the emulator's command line and the worker's local mode, so both load the same thing.
/// </summary>
public static class EmulatorSetup
{
    /// <summary>The nearest folder holding <c>EmailConnector.sln</c>, from the current directory or the app's folder; null outside a clone.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "EmailConnector.sln")))
                    return directory.FullName;
            }
        }
        return null;
    }

    /// <summary><c>solution/EmailConnector</c> of the repository; null outside a clone.</summary>
    public static string? DefaultSolutionFolder(string? root = null)
    {
        root ??= RepositoryRoot();
        return root is null ? null : Path.Combine(root, "solution", "EmailConnector");
    }

    /// <summary>The newest built plugin assembly (Debug or Release) of the repository; null when none is built.</summary>
    public static string? NewestPluginAssembly(string? root = null)
    {
        root ??= RepositoryRoot();
        if (root is null)
            return null;
        return new[] { "Debug", "Release" }
            .Select(c => Path.Combine(root, "src", "EmailConnector.Plugins", "bin", c, "net462", "EmailConnector.Plugins.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }

    /// <summary>
    /// The organization with the solution imported and, when <paramref name="pluginAssembly"/> is given, its plugin
    /// steps and custom API plugins registered (without it the solution loads with SkipSolutionPlugins). Ids are
    /// random, as Dataverse's are: a sequential source would repeat ids after a restore from a data file.
    /// </summary>
    public static EmulatedOrganization CreateOrganization(string? solutionFolder, string? pluginAssembly, TimeProvider? time = null)
    {
        if (solutionFolder is not null && !Directory.Exists(solutionFolder))
            throw new ArgumentException($"The solution folder '{solutionFolder}' does not exist.", nameof(solutionFolder));
        if (pluginAssembly is not null && !File.Exists(pluginAssembly))
            throw new ArgumentException($"The plugin assembly '{pluginAssembly}' does not exist.", nameof(pluginAssembly));
        Func<string, Type?>? resolver = null;
        if (pluginAssembly is not null)
            resolver = PluginRegistry.TypesIn(Assembly.LoadFrom(Path.GetFullPath(pluginAssembly)));
        return new EmulatedOrganization(new EmulatorOptions
        {
            TimeProvider = time ?? TimeProvider.System,
            SolutionFolder = solutionFolder,
            PluginTypeResolver = resolver,
            SkipSolutionPlugins = resolver is null,
            IdSource = Guid.NewGuid,
        });
    }
}
