using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.WebApi.OData;
using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.Tests.OData;

/// <summary>$filter into the engine's syntax tree: operators, typed literals, not pushed down.</summary>
public sealed class FilterParserTests
{
    private static readonly TableDefinition Contact = SystemCatalog.Create().FindTable("contact")!;

    private static string Show(FilterNode node) =>
        "(" + string.Join(node.Kind == FilterKind.And ? " & " : " | ",
            node.Conditions.Select(c => $"{c.Attribute} {c.Operator} {string.Join(",", c.Values.Select(v => $"{(v is DateTime d ? d.ToString("o", System.Globalization.CultureInfo.InvariantCulture) : v)}:{v?.GetType().Name}"))}".TrimEnd())
                .Concat(node.Filters.Select(Show))) + ")";

    [Theory]
    [InlineData("lastname eq 'O''Neil'", "(lastname Equal O'Neil:String)")]
    [InlineData("statecode ne 1", "(statecode NotEqual 1:Int32)")]
    [InlineData("5 lt statecode", "(statecode GreaterThan 5:Int32)")]
    [InlineData("donotemail eq true", "(donotemail Equal True:Boolean)")]
    [InlineData("_parentcustomerid_value eq 00000000-0000-0000-0000-000000000001", "(parentcustomerid Equal 00000000-0000-0000-0000-000000000001:Guid)")]
    [InlineData("createdon ge 2024-01-01T10:00:00+02:00", "(createdon GreaterEqual 2024-01-01T08:00:00.0000000Z:DateTime)")]
    [InlineData("emailaddress1 eq null", "(emailaddress1 Null)")]
    [InlineData("contains(lastname,'50%_[x]')", "(lastname Like %50[%][_][[]x]%:String)")]
    [InlineData("not (statecode eq 1 and startswith(lastname,'A'))", "(statecode NotEqual 1:Int32 | lastname DoesNotBeginWith A:String)")]
    [InlineData("not not endswith(lastname,'x')", "(lastname EndsWith x:String)")]
    [InlineData("lastname eq 'a' or lastname eq 'b' or (statecode eq 0 and not (emailaddress1 ne null))",
        "(lastname Equal a:String | lastname Equal b:String | (statecode Equal 0:Int32 & emailaddress1 Null))")]
    [InlineData("Microsoft.Dynamics.CRM.In(PropertyName='statuscode',PropertyValues=['1','2'])", "(statuscode In 1:Int32,2:Int32)")]
    [InlineData("Microsoft.Dynamics.CRM.LastXDays(PropertyName='modifiedon',PropertyValue=7)", "(modifiedon LastXDays 7:Int32)")]
    [InlineData("contains(lastname,'x') eq false", "(lastname NotLike %x%:String)")]
    public void Parse_Expression_BuildsTheTree(string filter, string expected)
    {
        Assert.Equal(expected, Show(FilterParser.Parse(filter, Contact)));
    }

    [Theory]
    [InlineData("lastname eq 1", "incompatible types")]
    [InlineData("EmailAddress1 eq 'x'", "Could not find a property named 'EmailAddress1'")]
    [InlineData("parentcustomerid eq 00000000-0000-0000-0000-000000000001", "Could not find a property named 'parentcustomerid'")]
    [InlineData("lastname eq 'x' and", "Syntax error")]
    public void Parse_Invalid_Throws400(string filter, string message)
    {
        var error = Assert.Throws<WebApiException>(() => FilterParser.Parse(filter, Contact));

        Assert.Equal(400, error.Status);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_LambdaPath_IsNotImplemented()
    {
        var error = Assert.Throws<WebApiException>(() => FilterParser.Parse("contact_customer_accounts/any(o: o.name eq 'x')", Contact));

        Assert.Equal(501, error.Status);
    }
}
