using EmailConnector.Emulator.Query;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class FetchXmlParserTests
{
    [Fact]
    public void Parse_FullQuery_BuildsTheSyntaxTree()
    {
        var node = FetchXmlParser.Parse("""
            <fetch count="50" page="2" paging-cookie="&lt;cookie page=&quot;1&quot; /&gt;" distinct="false"
                   returntotalrecordcount="true" no-lock="true" mapping="logical" version="1.0">
              <entity name="contact">
                <attribute name="fullname" />
                <order attribute="fullname" descending="true" />
                <filter type="or">
                  <condition attribute="statecode" operator="in"><value>0</value><value>1</value></condition>
                  <condition entityname="lm" attribute="listid" operator="null" />
                  <filter><condition attribute="fullname" operator="begins-with" value="A" /></filter>
                </filter>
                <link-entity name="listmember" from="entityid" to="contactid" alias="lm" link-type="outer">
                  <attribute name="listid" />
                </link-entity>
              </entity>
            </fetch>
            """);
        Assert.Equal("contact", node.Table);
        Assert.Equal(["fullname"], node.Columns.Columns);
        Assert.Equal((50, 2, "<cookie page=\"1\" />", true), (node.Paging.Count, node.Paging.PageNumber, node.Paging.Cookie, node.Paging.ReturnTotalRecordCount));
        Assert.True(node.Orders.Single().Descending);
        Assert.Equal(FilterKind.Or, node.Filter!.Kind);
        Assert.Equal(["0", "1"], node.Filter.Conditions[0].Values);
        Assert.Equal(("lm", QueryOperator.Null), (node.Filter.Conditions[1].EntityAlias, node.Filter.Conditions[1].Operator));
        Assert.Equal(QueryOperator.BeginsWith, node.Filter.Filters[0].Conditions[0].Operator);
        var link = node.Links.Single();
        Assert.Equal(("listmember", "entityid", "contactid", "lm", JoinKind.LeftOuter), (link.Table, link.LinkAttribute, link.ParentAttribute, link.Alias, link.Join));
    }

    [Fact]
    public void Parse_EntityWithoutAttributes_SelectsAllColumns_LinkWithoutAttributesSelectsNone()
    {
        var node = FetchXmlParser.Parse("""<fetch><entity name="contact"><link-entity name="account" from="accountid" to="parentcustomerid" /></entity></fetch>""");
        Assert.True(node.Columns.All);
        Assert.False(node.Links[0].Columns.All);
        Assert.Empty(node.Links[0].Columns.Columns);
    }

    [Theory]
    [InlineData("""<fetch aggregate="true"><entity name="contact" /></fetch>""", "aggregate")]
    [InlineData("""<fetch><entity name="contact"><attribute name="x" groupby="true" /></entity></fetch>""", "groupby")]
    [InlineData("""<fetch><entity name="contact"><link-entity name="a" from="b" to="c" link-type="exists" /></entity></fetch>""", "link-type 'exists'")]
    [InlineData("""<fetch><entity name="contact"><link-entity name="a" from="b" to="c" link-type="any" /></entity></fetch>""", "link-type 'any'")]
    [InlineData("""<fetch><entity name="contact"><filter><condition attribute="ownerid" operator="eq-userid" /></filter></entity></fetch>""", "eq-userid")]
    [InlineData("""<fetch><entity name="contact"><filter><condition attribute="a" operator="under" value="x" /></filter></entity></fetch>""", "'under'")]
    [InlineData("""<fetch><entity name="contact"><filter><condition attribute="d" operator="this-fiscal-year" /></filter></entity></fetch>""", "this-fiscal-year")]
    [InlineData("""<fetch><entity name="contact"><filter><condition attribute="d" operator="last-week" /></filter></entity></fetch>""", "last-week")]
    [InlineData("""<fetch><entity name="contact"><attribute name="x" alias="y" /></entity></fetch>""", "'alias'")]
    [InlineData("""<fetch latematerialize="true"><entity name="contact" /></fetch>""", "latematerialize")]
    public void Parse_UnsupportedFeature_ThrowsNamingIt(string fetchXml, string feature)
    {
        var error = Assert.Throws<NotSupportedException>(() => FetchXmlParser.Parse(fetchXml));
        Assert.Contains(feature, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<fetch><entity name='contact'>")]
    [InlineData("<query />")]
    [InlineData("<fetch><entity name='a' /><entity name='b' /></fetch>")]
    [InlineData("<fetch><entity name='contact'><filter><condition operator='eq' value='1' /></filter></entity></fetch>")]
    public void Parse_MalformedFetch_FaultsAsInvalidArgument(string fetchXml)
    {
        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => FetchXmlParser.Parse(fetchXml));
        Assert.Equal(unchecked((int)0x80040203), fault.Detail.ErrorCode);
    }

    [Theory]
    [InlineData("ne", nameof(QueryOperator.NotEqual))]
    [InlineData("neq", nameof(QueryOperator.NotEqual))]
    [InlineData("not-like", nameof(QueryOperator.NotLike))]
    [InlineData("not-begin-with", nameof(QueryOperator.DoesNotBeginWith))]
    [InlineData("not-end-with", nameof(QueryOperator.DoesNotEndWith))]
    [InlineData("on-or-after", nameof(QueryOperator.OnOrAfter))]
    [InlineData("last-x-days", nameof(QueryOperator.LastXDays))]
    [InlineData("olderthan-x-minutes", nameof(QueryOperator.OlderThanXMinutes))]
    [InlineData("next-x-hours", nameof(QueryOperator.NextXHours))]
    public void Parse_OperatorName_MapsToSyntaxOperator(string name, string expected)
    {
        var node = FetchXmlParser.Parse($"""<fetch><entity name="contact"><filter><condition attribute="a" operator="{name}" value="1" /></filter></entity></fetch>""");
        Assert.Equal(expected, node.Filter!.Conditions[0].Operator.ToString());
    }
}
