using System.Text;

namespace EmailConnector.Packaging.Tests;

public class ContentTypesTests
{
    [Fact]
    public void For_XmlDllAndFlattenedWebResource_DefaultsPerExtensionAndOverridePerExtensionlessPart()
    {
        var bytes = ContentTypes.For(["customizations.xml", "PluginAssemblies/A-1/A.dll", "WebResources/ec_scriptsajsABC", "customapis/x/customapi.xml"]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"xml\" ContentType=\"application/octet-stream\" />" +
            "<Default Extension=\"dll\" ContentType=\"application/octet-stream\" />" +
            "<Override PartName=\"/WebResources/ec_scriptsajsABC\" ContentType=\"application/octet-stream\" /></Types>",
            text);
    }

    [Fact]
    public void For_XmlOnly_SingleDefault()
    {
        var text = Encoding.UTF8.GetString(ContentTypes.For(["customizations.xml", "solution.xml"]));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "<Default "));
        Assert.DoesNotContain("Override", text);
    }
}
