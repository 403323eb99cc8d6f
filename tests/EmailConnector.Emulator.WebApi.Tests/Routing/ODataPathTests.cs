using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.Tests.Routing;

public sealed class ODataPathTests
{
    [Fact]
    public void Parse_KeyWithSlashAndQuote_KeepsItInTheArguments()
    {
        var segments = ODataPath.Parse("contacts(emailaddress1='a/b''c@d.e')/Microsoft.Dynamics.CRM.X");

        Assert.Equal(2, segments.Count);
        Assert.Equal("contacts", segments[0].Name);
        Assert.Equal("emailaddress1='a/b''c@d.e'", segments[0].Arguments);
        Assert.Equal("Microsoft.Dynamics.CRM.X", segments[1].Name);
        Assert.False(segments[1].HasParentheses);
    }

    [Theory]
    [InlineData("contacts(")]
    [InlineData("a)")]
    [InlineData("a(1)b")]
    [InlineData("a//b")]
    [InlineData("a('x)")]
    public void Parse_Malformed_Throws400(string path)
    {
        Assert.Equal(400, Assert.Throws<WebApiException>(() => ODataPath.Parse(path)).Status);
    }
}
