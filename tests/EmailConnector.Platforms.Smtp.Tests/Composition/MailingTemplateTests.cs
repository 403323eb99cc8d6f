using EmailConnector.Platforms.Smtp.Composition;

namespace EmailConnector.Platforms.Smtp.Tests.Composition;

public sealed class MailingTemplateTests
{
    [Fact]
    public void Compile_Links_AreStoredOnceEachAndReplacedByPlaceholders()
    {
        var compiled = MailingTemplate.Compile(
            "<p><a href=\"https://a.example/x\">1</a><a href=\"https://b.example/\">2</a><a href=\"https://a.example/x\">3</a><a href=\"mailto:x@example.com\">m</a></p>",
            null, trackOpens: true, trackClicks: true);

        Assert.Equal(["https://a.example/x", "https://b.example/"], compiled.Links);
        Assert.Contains("href=\"{{@link:0}}\"", compiled.Html);
        Assert.Contains("href=\"{{@link:1}}\"", compiled.Html);
        Assert.Contains("href=\"mailto:x@example.com\"", compiled.Html);
        Assert.Contains("{{@open}}", compiled.Html);
    }

    [Fact]
    public void Compile_WithoutAnUnsubscribeLabel_AddsAVisibleUnsubscribeLinkToBothParts()
    {
        var compiled = MailingTemplate.Compile("<p>Hi</p>", "Hi", trackOpens: false, trackClicks: true);

        Assert.Contains("href=\"{{unsubscribe_url}}\"", compiled.Html);
        Assert.Contains("{{unsubscribe_url}}", compiled.Text);
        Assert.DoesNotContain("{{@open}}", compiled.Html);
    }

    [Fact]
    public void Compile_WithTheAuthorsUnsubscribeLink_AddsNoSecondOne()
    {
        var compiled = MailingTemplate.Compile("<p><a href=\"{{ unsubscribe_url }}\">Leave</a></p>", null, trackOpens: false, trackClicks: true);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(compiled.Html, "unsubscribe_url"));
        Assert.Empty(compiled.Links);
    }

    [Fact]
    public void Render_Labels_AreFilledCaseInsensitivelyWithDefaultsAndHtmlEncoded()
    {
        var segments = MailingTemplate.Parse("<p>Hello {{firstname}} {{LASTNAME|friend}} ({{email}})</p>");
        var source = new Labels(new Dictionary<string, string?> { ["FIRSTNAME"] = "<Anna & Co>" }, "anna@example.com");

        var html = MailingTemplate.Render(segments, source, html: true);
        var text = MailingTemplate.Render(segments, source, html: false);

        Assert.Equal("<p>Hello &lt;Anna &amp; Co&gt; friend (anna@example.com)</p>", html);
        Assert.Equal("<p>Hello <Anna & Co> friend (anna@example.com)</p>", text);
    }

    [Fact]
    public void Render_DefaultWithAnEntityInAnHtmlPart_IsEncodedOnce()
    {
        var segments = MailingTemplate.Parse("<p>Hello {{NAME|&lt;you&gt; &amp; yours}}</p>");
        var source = new Labels(new Dictionary<string, string?>(), "anna@example.com");

        Assert.Equal("<p>Hello &lt;you&gt; &amp; yours</p>", MailingTemplate.Render(segments, source, html: true));
    }

    [Fact]
    public void RenderUrl_LabelsInALink_AreUrlEncoded()
    {
        var url = MailingTemplate.RenderUrl("https://x.example/p?name={{FIRSTNAME}}&c={{CITY|none}}", n => n == "FIRSTNAME" ? "Anna Berg&Co" : null);

        Assert.Equal("https://x.example/p?name=Anna%20Berg%26Co&c=none", url);
    }

    private sealed class Labels(Dictionary<string, string?> fields, string email) : ILabelSource
    {
        public string OpenUrl => "open";

        public string UnsubscribeUrl => "unsubscribe";

        public string LinkUrl(int index) => "link" + index;

        public string? Label(string name) => MessageComposer.FieldLabel(fields, email, name);
    }
}
