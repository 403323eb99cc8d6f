using EmailConnector.Plugins.Infrastructure;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Infrastructure;

public class ErrorMessagesTests
{
    [Fact]
    public void UnexpectedError_CorrelationId_IsQuotedAsReference()
    {
        var id = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff");

        var message = ErrorMessages.UnexpectedError(id);

        Assert.EndsWith("give your administrator this reference: 6f9619ff-8b86-d011-b42d-00c04fc964ff.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_WithArguments_LeaveNoPlaceholders()
    {
        var messages = new[]
        {
            ErrorMessages.UnexpectedError(Guid.Empty),
            ErrorMessages.MissingService(typeof(ITracingService)),
            ErrorMessages.WrongRegistration("Step", "Create", "lead", 20, "Update", "contact", 40),
            ErrorMessages.MissingTarget("Step"),
        };

        Assert.All(messages, m => Assert.DoesNotMatch(@"\{\d+\}", m));
        Assert.Contains("ITracingService", messages[1], StringComparison.Ordinal);
        Assert.Contains("registered for Create of lead at stage 20, but it only handles Update of contact at stage 40", messages[2], StringComparison.Ordinal);
    }
}
