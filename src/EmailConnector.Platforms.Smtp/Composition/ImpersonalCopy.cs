using System.Net;
using AngleSharp;
using AngleSharp.Html.Parser;

namespace EmailConnector.Platforms.Smtp.Composition;

/// <summary>
/// A stored mailing rendered for nobody in particular, the copy CRM keeps on email activities (seed 000: "instead of
/// the personalised form of address, only 'Dear Reader'"). Data labels render as a recipient without data would get
/// them: their default (<c>{{FIRSTNAME|Reader}}</c> → "Reader"), else nothing, and <c>{{email}}</c> always as nothing.
/// Nothing in it can act for a recipient: links point to their original targets instead of click tokens, the open
/// pixel is left out, and unsubscribe links keep their text but lose their target.
/// </summary>
internal static class ImpersonalCopy
{
    public static string Subject(string subjectTemplate) =>
        MailingTemplate.Render(MailingTemplate.Parse(subjectTemplate), new Nobody([]), html: false);

    /// <summary>The compiled HTML template with <paramref name="links"/>, the mailing's link table, as its targets.</summary>
    public static string Html(string htmlTemplate, IReadOnlyList<string> links)
    {
        var document = new HtmlParser().ParseDocument(htmlTemplate);
        foreach (var image in document.QuerySelectorAll("img[src]").ToList())
        {
            if (MailingTemplate.Uses(image.GetAttribute("src")!, MailingTemplate.OpenLabel))
                image.Remove();
        }
        foreach (var anchor in document.QuerySelectorAll("a[href], area[href]"))
        {
            if (MailingTemplate.Uses(anchor.GetAttribute("href")!, MailingTemplate.UnsubscribeLabel))
                anchor.RemoveAttribute("href");
        }
        return MailingTemplate.Render(MailingTemplate.Parse(document.ToHtml()), new Nobody(links), html: true);
    }

    private sealed class Nobody(IReadOnlyList<string> links) : ILabelSource
    {
        // Outside an anchor these placeholders have no element to drop, so they render as nothing.
        public string OpenUrl => string.Empty;

        public string UnsubscribeUrl => string.Empty;

        // Link placeholders sit in href attributes: the target is attribute-encoded.
        public string LinkUrl(int index) =>
            index < links.Count ? WebUtility.HtmlEncode(MailingTemplate.RenderUrl(links[index], _ => null)) : string.Empty;

        public string? Label(string name) => null;
    }
}
