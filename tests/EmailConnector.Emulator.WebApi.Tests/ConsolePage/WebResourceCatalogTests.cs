using EmailConnector.Emulator.WebApi.ConsolePage;
using EmailConnector.Testing;

namespace EmailConnector.Emulator.WebApi.Tests.ConsolePage;

public sealed class WebResourceCatalogTests
{
    [Fact]
    public void Read_Solution_FindsEachWebResourceByNameWithItsContentType()
    {
        var catalog = WebResourceCatalog.Read(RepositoryPaths.Solution);

        var commands = catalog.Find("ec_/scripts/commands.js")!;
        Assert.Equal(Path.Combine(RepositoryPaths.Solution, "WebResources", "ec_", "scripts", "commands.js"), commands.Path);
        Assert.Equal("text/javascript; charset=utf-8", commands.ContentType);
        Assert.Equal("text/html; charset=utf-8", catalog.Find("ec_/pages/requestreport.html")!.ContentType);
        Assert.Null(catalog.Find("ec_/scripts/missing.js"));
    }

    [Fact]
    public void ContentType_TypeTheConsoleDoesNotServe_FailsNamingIt()
    {
        var file = new WebResourceFile("ec_/app.xap", "/x", 8);

        Assert.Contains("ec_/app.xap", Assert.Throws<NotSupportedException>(() => file.ContentType).Message, StringComparison.Ordinal);
    }
}
