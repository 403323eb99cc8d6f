using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class QueryValuesTests
{
    private readonly QueryTestData _data = new();
    private readonly Guid _account;

    public QueryValuesTests()
    {
        _account = _data.Account(1, "Contoso");
        _data.Contact(
            1,
            ("gendercode", new OptionSetValue(2)),
            ("creditlimit", new Money(1500m)),
            ("donotemail", true),
            ("parentcustomerid", new EntityReference("account", _account)),
            ("birthdate", new DateTime(1990, 5, 1, 8, 30, 0, DateTimeKind.Utc)));
        _data.Contact(2, ("gendercode", new OptionSetValue(1)), ("creditlimit", new Money(99.5m)), ("donotemail", false));
    }

    private List<string> Where(string attribute, ConditionOperator op, params object[] values) =>
        _data.NamesWhere(new ConditionExpression(attribute, op, values));

    [Fact]
    public void Choice_ComparedWithIntOrOptionSetValue_Matches()
    {
        Assert.Equal(["Contact 001"], Where("gendercode", ConditionOperator.Equal, 2));
        Assert.Equal(["Contact 001"], Where("gendercode", ConditionOperator.Equal, new OptionSetValue(2)));
    }

    [Fact]
    public void Money_ComparedWithDecimalIntOrMoney_Matches()
    {
        Assert.Equal(["Contact 001"], Where("creditlimit", ConditionOperator.GreaterThan, 100));
        Assert.Equal(["Contact 002"], Where("creditlimit", ConditionOperator.Equal, 99.5m));
        Assert.Equal(["Contact 001"], Where("creditlimit", ConditionOperator.Equal, new Money(1500m)));
    }

    [Fact]
    public void Lookup_ComparedWithGuidOrEntityReference_Matches()
    {
        Assert.Equal(["Contact 001"], Where("parentcustomerid", ConditionOperator.Equal, _account));
        Assert.Equal(["Contact 001"], Where("parentcustomerid", ConditionOperator.Equal, new EntityReference("account", _account)));
    }

    [Fact]
    public void Boolean_ComparedWithBoolOrZeroOne_Matches()
    {
        Assert.Equal(["Contact 001"], Where("donotemail", ConditionOperator.Equal, true));
        Assert.Equal(["Contact 002"], Where("donotemail", ConditionOperator.Equal, 0));
    }

    [Fact]
    public void DateTime_UnspecifiedKind_IsTreatedAsUtc() =>
        Assert.Equal(["Contact 001"], Where("birthdate", ConditionOperator.Equal, new DateTime(1990, 5, 1, 8, 30, 0)));

    [Fact]
    public void WrongLiteralType_FaultsWithDataverseMessage()
    {
        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(
            () => Where("numberofchildren", ConditionOperator.Equal, Guid.Empty));
        Assert.Contains("expected argument(s) of type 'System.Int32'", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FetchXmlText_IsParsedByColumnType()
    {
        var result = _data.Fetch($"""
            <fetch><entity name="contact"><attribute name="fullname" />
              <filter>
                <condition attribute="gendercode" operator="eq" value="2" />
                <condition attribute="creditlimit" operator="ge" value="1500.00" />
                <condition attribute="donotemail" operator="eq" value="1" />
                <condition attribute="parentcustomerid" operator="eq" value="{_account.ToString("B").ToUpperInvariant()}" />
                <condition attribute="birthdate" operator="on" value="1990-05-01" />
              </filter>
            </entity></fetch>
            """);
        Assert.Equal(["Contact 001"], QueryTestData.Names(result));
    }

    [Fact]
    public void FetchXmlText_NotParsable_Faults() =>
        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => _data.Fetch(
            """<fetch><entity name="contact"><filter><condition attribute="numberofchildren" operator="eq" value="many" /></filter></entity></fetch>"""));

    [Fact]
    public void Clone_MutableSdkValues_ReturnsNewInstances()
    {
        var reference = new EntityReference("account", _account) { Name = "Contoso" };
        var copy = Assert.IsType<EntityReference>(QueryValues.Clone(reference));
        Assert.NotSame(reference, copy);
        Assert.Equal(("account", _account, "Contoso"), (copy.LogicalName, copy.Id, copy.Name));
        Assert.NotSame(new Money(1m), QueryValues.Clone(new Money(1m)));
    }
}
