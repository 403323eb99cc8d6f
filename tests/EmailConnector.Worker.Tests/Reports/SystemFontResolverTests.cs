using EmailConnector.Worker.Reports;

namespace EmailConnector.Worker.Tests.Reports;

public sealed class SystemFontResolverTests
{
    [Fact]
    public void EnsureAvailable_NoFontInTheDirectories_FailsNamingTheDirectoriesAndThePackage()
    {
        var empty = Directory.CreateTempSubdirectory("ec-fonts-").FullName;
        try
        {
            var resolver = new SystemFontResolver([empty]);

            var error = Assert.Throws<InvalidOperationException>(resolver.EnsureAvailable);

            Assert.Contains(empty, error.Message);
            Assert.Contains("fonts-dejavu-core", error.Message);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [SkippableFact]
    public void GetFont_SystemFonts_ServesTrueTypeBytesForRegularAndBold()
    {
        var resolver = new SystemFontResolver();
        Skip.If(!HasFont(resolver), "No DejaVu, Liberation or Arial TrueType font is installed (Debian: fonts-dejavu-core).");

        var regular = resolver.GetFont(resolver.ResolveTypeface("Any family", bold: false, italic: false).FaceName);
        var bold = resolver.GetFont(resolver.ResolveTypeface("Any family", bold: true, italic: false).FaceName);

        Assert.Equal(new byte[] { 0, 1, 0, 0 }, regular[..4]);
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, bold[..4]);
    }

    private static bool HasFont(SystemFontResolver resolver)
    {
        try
        {
            resolver.EnsureAvailable();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
