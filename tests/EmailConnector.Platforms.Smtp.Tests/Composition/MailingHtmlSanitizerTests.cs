using AngleSharp;
using EmailConnector.Platforms.Smtp.Composition;

namespace EmailConnector.Platforms.Smtp.Tests.Composition;

/// <summary>The forbidden elements of seed 000 §3.2, one by one, and what stays.</summary>
public sealed class MailingHtmlSanitizerTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "script")]
    [InlineData("<object classid=\"clsid:1\"><param name=\"a\" value=\"b\"></object>", "activex")]
    [InlineData("<embed src=\"x.swf\">", "activex")]
    [InlineData("<applet code=\"A.class\"></applet>", "java")]
    [InlineData("<audio src=\"a.mp3\"></audio>", "audio")]
    [InlineData("<video src=\"v.mp4\"><source src=\"v.webm\"></video>", "video")]
    [InlineData("<iframe src=\"https://example.com\"></iframe>", "frame")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://example.com\">", "meta-refresh")]
    [InlineData("<link rel=\"stylesheet\" href=\"https://example.com/a.css\">", "external-stylesheet")]
    public void Sanitize_ForbiddenElement_IsRemovedAndCounted(string fragment, string item)
    {
        var (document, removed) = MailingHtmlSanitizer.Sanitize("<html><head></head><body><p>Keep me</p>" + fragment + "</body></html>");
        var html = document.ToHtml();

        Assert.True(removed.ContainsKey(item), $"{item} was not reported: {string.Join(",", removed.Keys)}");
        Assert.Contains("<p>Keep me</p>", html);
        foreach (var tag in new[] { "<script", "<object", "<embed", "<applet", "<audio", "<video", "<iframe", "http-equiv", "<link" })
            Assert.DoesNotContain(tag, html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "javascript:")]
    [InlineData("<a href=\"java&#09;script:alert(1)\">x</a>", "script:")]
    [InlineData("<img src=\"x.gif\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("<div style=\"width:expression(alert(1))\">x</div>", "expression")]
    [InlineData("<span title=\"tooltip text\">x</span>", "title=")]
    public void Sanitize_ScriptOrTooltipAttribute_IsRemoved(string fragment, string forbidden)
    {
        var (document, _) = MailingHtmlSanitizer.Sanitize("<body>" + fragment + "</body>");

        Assert.DoesNotContain(forbidden, document.Body!.InnerHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sanitize_StyleWithImport_KeepsTheRestOfTheStyle()
    {
        var (document, removed) = MailingHtmlSanitizer.Sanitize("<html><head><style>@import url(https://x.example/a.css);\np { color: red; }</style></head><body></body></html>");

        Assert.Contains("color: red", document.ToHtml());
        Assert.DoesNotContain("@import", document.ToHtml());
        Assert.Equal(1, removed["external-stylesheet"]);
    }

    [Fact]
    public void Sanitize_OrdinaryMailingMarkup_IsKeptWhole()
    {
        const string Body = "<table><tbody><tr><td><img src=\"https://www.example.com/logo.png\" alt=\"Logo\"><a href=\"https://www.example.com/\">Shop</a>" +
            "<form action=\"https://www.example.com/s\"><input name=\"q\"></form></td></tr></tbody></table>";
        var (document, removed) = MailingHtmlSanitizer.Sanitize("<body>" + Body + "</body>");

        Assert.Empty(removed);
        Assert.Equal(Body, document.Body!.InnerHtml);
    }
}
