using EmailConnector.Core.Reactions;

namespace EmailConnector.Core.Tests.Reactions;

public sealed class BounceClassifierTests
{
    [Theory]
    [InlineData("5.1.1", BounceCategory.Hard)]   // bad destination mailbox
    [InlineData("5.1.2", BounceCategory.Hard)]   // bad destination system
    [InlineData("5.1.10", BounceCategory.Hard)]  // null MX (RFC 7505)
    [InlineData("5.1.7", BounceCategory.Blocked)] // bad sender address: not the recipient's fault
    [InlineData("5.2.1", BounceCategory.Hard)]   // mailbox disabled
    [InlineData("5.2.2", BounceCategory.Soft)]   // mailbox full
    [InlineData("5.3.4", BounceCategory.Soft)]   // message too big for system
    [InlineData("5.4.4", BounceCategory.Hard)]   // unable to route
    [InlineData("5.4.7", BounceCategory.Soft)]   // delivery time expired
    [InlineData("5.5.2", BounceCategory.Unknown)] // syntax error
    [InlineData("5.6.1", BounceCategory.Blocked)] // media not supported
    [InlineData("5.7.1", BounceCategory.Blocked)] // delivery not authorized
    [InlineData("5.7.26", BounceCategory.Blocked)] // multiple authentication checks failed (RFC 7372)
    [InlineData("4.2.2", BounceCategory.Soft)]
    [InlineData("4.7.28", BounceCategory.Soft)]  // Gmail's rate-limit deferral stays a deferral
    [InlineData("5.0.0", BounceCategory.Unknown)]
    public void Classify_EnhancedStatus_FollowsRfc3463(string status, BounceCategory expected)
    {
        Assert.Equal(expected, BounceClassifier.Classify(status));
    }

    [Theory]
    [InlineData("smtp; 550 5.0.0 <a@example.com>... User unknown", BounceCategory.Hard)]
    [InlineData("550 Requested action not taken: mailbox unavailable", BounceCategory.Hard)]
    [InlineData("554 Message rejected as spam", BounceCategory.Blocked)]
    [InlineData("552 Mailbox quota exceeded", BounceCategory.Soft)]
    [InlineData("550 Rejected", BounceCategory.Unknown)]
    [InlineData("551 User not local", BounceCategory.Hard)]
    [InlineData("421 Too many connections, try again later", BounceCategory.Soft)]
    [InlineData("The message could not be delivered", BounceCategory.Unknown)]
    public void Classify_WithoutSpecificEnhancedCode_UsesReplyCodeAndDiagnostic(string diagnostic, BounceCategory expected)
    {
        Assert.Equal(expected, BounceClassifier.Classify(diagnostic));
    }

    [Fact]
    public void Classify_SpecificCodeAndContradictingText_TrustsTheCode()
    {
        Assert.Equal(BounceCategory.Hard, BounceClassifier.Classify(new SmtpStatus(550, "5.1.1"), "blocked as spam"));
    }

    [Fact]
    public void Classify_TransientReplyCodeWithHardText_StaysSoft()
    {
        Assert.Equal(BounceCategory.Soft, BounceClassifier.Classify("450 user unknown, try later"));
    }

    [Fact]
    public void Classify_NothingKnown_IsUnknown()
    {
        Assert.Equal(BounceCategory.Unknown, BounceClassifier.Classify(null, null));
    }

    [Fact]
    public void Classify_SuccessStatus_Throws()
    {
        Assert.Throws<ArgumentException>(() => BounceClassifier.Classify("2.0.0"));
    }
}
