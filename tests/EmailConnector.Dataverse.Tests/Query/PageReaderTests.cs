using System.Text;
using EmailConnector.Dataverse.Query;

namespace EmailConnector.Dataverse.Tests.Query;

public class PageReaderTests
{
    [Fact]
    public async Task ReadAsync_CollectionWithNextLinkAndCount_ReadsRowsAndPaging()
    {
        const string body = """
            {"@odata.context":"https://org.crm.dynamics.com/api/data/v9.2/$metadata#contacts(fullname)",
             "@odata.count":5000,
             "@Microsoft.Dynamics.CRM.totalrecordcount":-1,
             "@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded":true,
             "value":[{"@odata.etag":"W/\"1\"","fullname":"A","contactid":"00000000-0000-0000-0000-000000000001"},
                      {"@odata.etag":"W/\"2\"","fullname":"B","contactid":"00000000-0000-0000-0000-000000000002"}],
             "@odata.nextLink":"https://org.crm.dynamics.com/api/data/v9.2/contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22%20/%3E"}
            """;

        var page = await PageReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), 1, CancellationToken.None);

        Assert.Equal(["A", "B"], page.Rows.Select(r => r.GetString("fullname")));
        Assert.Equal("W/\"2\"", page.Rows[1].ETag);
        Assert.Equal(5000, page.Count);
        Assert.Equal(-1, page.TotalRecordCount);
        Assert.True(page.TotalRecordCountLimitExceeded);
        Assert.Equal("https://org.crm.dynamics.com/api/data/v9.2/contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22%20/%3E", page.NextLink!.OriginalString);
    }

    [Fact]
    public async Task ReadAsync_FetchXmlPage_ReadsCookieAndMoreRecords()
    {
        const string body = """{"@odata.context":"x","@Microsoft.Dynamics.CRM.fetchxmlpagingcookie":"<cookie pagenumber=\"2\" pagingcookie=\"%253ccookie%2520page%253d%25221%2522%253e%253c%252fcookie%253e\" istracking=\"False\" />","@Microsoft.Dynamics.CRM.morerecords":true,"value":[{"fullname":"A"}]}""";

        var page = await PageReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), 1, CancellationToken.None);

        Assert.True(page.MoreRecords);
        Assert.Null(page.NextLink);
        Assert.Equal("""<cookie page="1"></cookie>""", FetchXmlPaging.DecodeCookie(page.PagingCookie!, out _));
    }

    [Fact]
    public async Task ReadAsync_EntityInsteadOfCollection_FailsLoudly()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            PageReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("""{"fullname":"A"}""")), 1, CancellationToken.None));
    }
}
