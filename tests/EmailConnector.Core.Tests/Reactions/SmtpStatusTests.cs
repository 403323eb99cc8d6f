using EmailConnector.Core.Reactions;

namespace EmailConnector.Core.Tests.Reactions;

public sealed class SmtpStatusTests
{
    [Theory]
    [InlineData("5.1.1", null, "5.1.1")]
    [InlineData("smtp; 550 5.1.1 <x@example.com>: Recipient address rejected", 550, "5.1.1")]
    [InlineData("452 4.2.2 Mailbox full", 452, "4.2.2")]
    [InlineData("550 Requested action not taken", 550, null)]
    [InlineData("5.7.026 unauthenticated", null, "5.7.26")]
    public void Parse_StatusOrDiagnostic_ReadsBothCodes(string text, int? reply, string? enhanced)
    {
        var status = SmtpStatus.Parse(text);

        Assert.NotNull(status);
        Assert.Equal(reply, status.ReplyCode);
        Assert.Equal(enhanced, status.EnhancedCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mailbox unavailable")]
    [InlineData("version 10.5.1.2")]
    public void Parse_NoCode_ReturnsNull(string? text)
    {
        Assert.Null(SmtpStatus.Parse(text));
    }

    [Fact]
    public void ClassSubjectDetail_EnhancedCode_AreItsParts()
    {
        var status = new SmtpStatus(550, "5.7.1");

        Assert.Equal((5, 7, 1), (status.Class, status.Subject, status.Detail));
        Assert.Equal("5.7.1", status.ToString());
    }
}
