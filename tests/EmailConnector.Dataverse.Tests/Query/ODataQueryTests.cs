using EmailConnector.Dataverse.Query;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Tests.Query;

public class ODataQueryTests
{
    [Fact]
    public void ToRelativeUrl_AllOptions_EncodesFilterAndOrder()
    {
        var query = new ODataQuery("contacts")
            .Select("fullname", "emailaddress1", "_parentcustomerid_value")
            .Where("startswith(lastname," + ODataLiteral.Format("O'H") + ")")
            .Where("statecode eq 0")
            .OrderBy("lastname")
            .OrderByDescending("createdon")
            .Take(10)
            .WithCount()
            .Expand("parentcustomerid_account", "name");

        Assert.Equal(
            "contacts?$select=fullname,emailaddress1,_parentcustomerid_value"
            + "&$filter=%28startswith%28lastname%2C%27O%27%27H%27%29%29%20and%20%28statecode%20eq%200%29"
            + "&$orderby=lastname%20asc%2Ccreatedon%20desc&$top=10&$count=true&$expand=parentcustomerid_account($select=name)",
            query.ToRelativeUrl());
    }

    [Fact]
    public void ToRelativeUrl_NoOptions_IsTheEntitySet()
    {
        Assert.Equal("contacts", new ODataQuery("contacts").ToRelativeUrl());
    }

    [Fact]
    public void Expand_Twice_IsNotSupported()
    {
        var query = new ODataQuery("contacts").Expand("parentcustomerid_account");

        Assert.Throws<NotSupportedException>(() => query.Expand("owninguser"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public void WithPageSize_OutsideDataverseLimits_IsRejected(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ODataQuery("contacts").WithPageSize(size));
    }
}
