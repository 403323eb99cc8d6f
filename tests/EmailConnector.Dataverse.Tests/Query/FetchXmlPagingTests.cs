using System.Xml.Linq;
using EmailConnector.Dataverse.Query;

namespace EmailConnector.Dataverse.Tests.Query;

public class FetchXmlPagingTests
{
    private const string Fetch = """<fetch><entity name="contact"><attribute name="fullname" /><order attribute="contactid" /></entity></fetch>""";

    // The annotation as Dataverse returns it: an XML fragment whose pagingcookie is URL-encoded twice.
    private const string Annotation =
        """<cookie pagenumber="2" pagingcookie="%253ccookie%2520page%253d%25221%2522%253e%253ccontactid%2520last%253d%2522%257b0748C6EC-55A8-EB11-B1B5-000D3AE5F9D9%257d%2522%2520first%253d%2522%257bFC47C6EC-55A8-EB11-B1B5-000D3AE5F9D9%257d%2522%2520%252f%253e%253c%252fcookie%253e" istracking="False" />""";

    [Fact]
    public void FirstPage_WithoutCountOrPage_SetsBoth()
    {
        var fetch = XElement.Parse(FetchXmlPaging.FirstPage(Fetch, 500));

        Assert.Equal("500", fetch.Attribute("count")?.Value);
        Assert.Equal("1", fetch.Attribute("page")?.Value);
    }

    [Fact]
    public void FirstPage_WithOwnCount_KeepsIt()
    {
        var fetch = XElement.Parse(FetchXmlPaging.FirstPage("""<fetch count="50"><entity name="contact" /></fetch>""", 5000));

        Assert.Equal("50", fetch.Attribute("count")?.Value);
    }

    [Fact]
    public void FirstPage_WithTop_DoesNotPage()
    {
        var text = FetchXmlPaging.FirstPage("""<fetch top="5"><entity name="contact" /></fetch>""", 5000);

        Assert.False(FetchXmlPaging.IsPaged(text));
        Assert.Null(XElement.Parse(text).Attribute("page"));
    }

    [Fact]
    public void FirstPage_CountAboveLimit_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => FetchXmlPaging.FirstPage("""<fetch count="5001"><entity name="contact" /></fetch>""", 5000));
    }

    [Fact]
    public void DecodeCookie_DocumentedAnnotation_DecodesTwice()
    {
        var cookie = FetchXmlPaging.DecodeCookie(Annotation, out var page);

        Assert.Equal(2, page);
        Assert.Equal(
            """<cookie page="1"><contactid last="{0748C6EC-55A8-EB11-B1B5-000D3AE5F9D9}" first="{FC47C6EC-55A8-EB11-B1B5-000D3AE5F9D9}" /></cookie>""",
            cookie);
    }

    [Fact]
    public void NextPage_WithCookie_IncrementsPageAndSetsCookie()
    {
        var next = XElement.Parse(FetchXmlPaging.NextPage(FetchXmlPaging.FirstPage(Fetch, 500), Annotation));

        Assert.Equal("2", next.Attribute("page")?.Value);
        Assert.Equal("500", next.Attribute("count")?.Value);
        Assert.StartsWith("<cookie page=\"1\"><contactid last=", next.Attribute("paging-cookie")?.Value, StringComparison.Ordinal);
        Assert.Equal("fullname", next.Element("entity")!.Element("attribute")!.Attribute("name")!.Value);
    }

    [Fact]
    public void NextPage_WithoutCookie_OnlyIncrementsPage()
    {
        var first = FetchXmlPaging.NextPage(FetchXmlPaging.FirstPage(Fetch, 500), Annotation);

        var next = XElement.Parse(FetchXmlPaging.NextPage(first, null));

        Assert.Equal("3", next.Attribute("page")?.Value);
        Assert.Null(next.Attribute("paging-cookie"));
    }

    [Fact]
    public void EntityOf_ReadsTheMainEntity()
    {
        Assert.Equal("contact", FetchXmlPaging.EntityOf(Fetch));
    }

    [Theory]
    [InlineData("<fetch>")]
    [InlineData("<query />")]
    public void FirstPage_NotAFetch_IsRejected(string xml)
    {
        Assert.Throws<ArgumentException>(() => FetchXmlPaging.FirstPage(xml, 10));
    }
}
