using Xunit;

namespace EmailConnector.Testing;

/// <summary>
/// Locates the third-party reference material in <c>../shared/reference/</c> beside the checkout. CI always has it;
/// a user's clone does not, and tests that need it skip with the reason below.
/// </summary>
public static class SharedReference
{
    public const string MissingReason =
        "../shared/reference/ is not beside this checkout (it is on CI, not in a user's clone); this check needs it.";

    /// <summary>The reference folder, or null when it is absent.</summary>
    public static string? Directory { get; } = Find();

    /// <summary>The full path of a file or folder below the reference folder; skips the calling test when absent.</summary>
    public static string PathOf(string relativePath)
    {
        Skip.If(Directory is null, MissingReason);
        var path = System.IO.Path.Combine(Directory!, relativePath);
        Skip.IfNot(File.Exists(path) || System.IO.Directory.Exists(path), $"{relativePath} is missing from ../shared/reference/.");
        return path;
    }

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("EMAILCONNECTOR_SHARED_REFERENCE");
        if (!string.IsNullOrEmpty(fromEnvironment) && System.IO.Directory.Exists(fromEnvironment))
            return fromEnvironment;

        // Walk up from the test binaries to the repository root (the folder with EmailConnector.sln), then look beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EmailConnector.sln")))
            {
                var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "reference"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }
}
