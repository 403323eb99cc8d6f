using System.ServiceModel;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.CustomApis;

public class RequestReportApiTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Request_TwiceWhilePending_KeepsOneRowWithTheLatestLanguageAndTimeZone()
    {
        var activity = _org.EmailActivity();
        var target = new EntityReference("campaignactivity", activity);

        _org.Call(CustomApiNames.RequestReport.Name, target, ("Language", "en-US"), ("TimeZone", "UTC"));
        var response = _org.Call(CustomApiNames.RequestReport.Name, target, ("Language", "de-DE"), ("TimeZone", "Europe/Berlin"));

        var request = Assert.Single(_org.SyncRequests(), r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.RequestReport);
        Assert.Equal(request.Id, response[CustomApiNames.RequestReport.SyncRequestId]);
        Assert.Equal("{\"language\":\"de-DE\",\"timeZone\":\"Europe/Berlin\"}", request.GetAttributeValue<string>(SyncRequest.Parameters));
    }

    [Theory]
    [InlineData("xx-Nowhere", "UTC")]
    [InlineData("de-DE", "W. Europe Standard Time")]
    public void Request_InvalidLanguageOrTimeZone_IsRefusedWithAReadableMessage(string language, string timeZone)
    {
        var activity = _org.EmailActivity();

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _org.Call(CustomApiNames.RequestReport.Name, new EntityReference("campaignactivity", activity), ("Language", language), ("TimeZone", timeZone)));

        Assert.Contains(language == "de-DE" ? timeZone : language, fault.Detail.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_org.SyncRequests(), r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.RequestReport);
        Assert.True(fault.Detail.Message == ErrorMessages.InvalidLanguage(language) || fault.Detail.Message == ErrorMessages.InvalidTimeZone(timeZone));
    }
}
