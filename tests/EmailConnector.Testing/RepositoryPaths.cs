namespace EmailConnector.Testing;

/// <summary>Paths inside this repository, found by walking up from the test binaries to EmailConnector.sln.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Solution => Path.Combine(Root, "solution", "EmailConnector");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EmailConnector.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("EmailConnector.sln was not found above " + AppContext.BaseDirectory);
    }
}
