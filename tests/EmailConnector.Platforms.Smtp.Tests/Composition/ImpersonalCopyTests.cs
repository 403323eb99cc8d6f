using EmailConnector.Platforms.Smtp.Composition;

namespace EmailConnector.Platforms.Smtp.Tests.Composition;

public sealed class ImpersonalCopyTests
{
    [Fact]
    public void Html_DataLabels_RenderTheirDefaultOrNothing()
    {
        var compiled = MailingTemplate.Compile("<p>Dear {{FIRSTNAME|Reader}}, {{LastName}}({{email}})</p>", null, trackOpens: false, trackClicks: true);

        var html = ImpersonalCopy.Html(compiled.Html, compiled.Links);

        Assert.Contains("<p>Dear Reader, ()</p>", html);
        Assert.DoesNotContain("{{", html);
    }

    [Fact]
    public void Html_TrackedLinks_PointToTheirOriginalTargetsAttributeEncoded()
    {
        var compiled = MailingTemplate.Compile(
            "<p><a href=\"https://a.example/x?p=1&amp;q=2\">A</a> <a href=\"https://b.example/\">B</a> <a href=\"https://a.example/x?p=1&amp;q=2\">A again</a></p>",
            null, trackOpens: true, trackClicks: true);

        var html = ImpersonalCopy.Html(compiled.Html, compiled.Links);

        Assert.Equal(2, html.Split("href=\"https://a.example/x?p=1&amp;q=2\"").Length - 1);
        Assert.Contains("href=\"https://b.example/\"", html);
        Assert.DoesNotContain("@link", html);
    }

    [Fact]
    public void Html_LinkWithDataLabels_GetsTheLabelsDefaultsOrNothing()
    {
        var compiled = MailingTemplate.Compile("<a href=\"https://shop.example/?id={{CUSTOMERID}}&amp;c={{CAMPAIGN|spring sale}}\">Shop</a>", null, false, true);

        var html = ImpersonalCopy.Html(compiled.Html, compiled.Links);

        Assert.Contains("href=\"https://shop.example/?id=&amp;c=spring%20sale\"", html);
    }

    [Fact]
    public void Html_OpenPixel_IsLeftOut()
    {
        var compiled = MailingTemplate.Compile("<p>Hi</p><img src=\"https://cdn.example/logo.png\" alt=\"Logo\">", null, trackOpens: true, trackClicks: true);

        var html = ImpersonalCopy.Html(compiled.Html, compiled.Links);

        Assert.Contains("{{@open}}", compiled.Html);
        Assert.DoesNotContain("@open", html);
        Assert.Contains("src=\"https://cdn.example/logo.png\"", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<img"));
    }

    [Fact]
    public void Html_UnsubscribeLinks_KeepTheirTextWithoutATarget()
    {
        var compiled = MailingTemplate.Compile("<p><a href=\"{{unsubscribe_url}}\">Leave the list</a></p><p>Or paste {{unsubscribe_url}}</p>", null, false, true);

        var html = ImpersonalCopy.Html(compiled.Html, compiled.Links);

        Assert.Contains("<a>Leave the list</a>", html);
        Assert.Contains("<p>Or paste </p>", html);
        Assert.DoesNotContain("unsubscribe_url", html);
    }

    [Fact]
    public void Html_AddedUnsubscribeFooter_StaysAsTextWithoutATarget()
    {
        var compiled = MailingTemplate.Compile("<p>Hi</p>", null, false, true);

        var html = ImpersonalCopy.Html(compiled.Html, compiled.Links);

        Assert.Contains("<a>Unsubscribe</a>", html);
        Assert.DoesNotContain("href", html);
    }

    [Fact]
    public void Html_SanitisedMailing_StaysSanitised()
    {
        var compiled = MailingTemplate.Compile("<p title=\"t\" onclick=\"x()\">Hi</p><script>alert(1)</script>", null, false, true);

        var html = ImpersonalCopy.Html(compiled.Html, compiled.Links);

        Assert.DoesNotContain("script", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("title=", html);
    }

    [Fact]
    public void Subject_DataLabels_RenderTheirDefaultOrNothing()
    {
        Assert.Equal("News for you, ", ImpersonalCopy.Subject("News for {{FIRSTNAME|you}}, {{LASTNAME}}"));
    }
}
