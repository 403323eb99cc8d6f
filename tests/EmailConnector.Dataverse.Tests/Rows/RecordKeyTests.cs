using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Tests.Rows;

public class RecordKeyTests
{
    [Fact]
    public void ToPath_PrimaryKey_IsBareGuid()
    {
        var id = Guid.Parse("5f4c0000-0000-0000-0000-000000000001");

        Assert.Equal("contacts(5f4c0000-0000-0000-0000-000000000001)", RecordKey.ForId(id).ToPath("contacts"));
    }

    [Fact]
    public void ToPath_AlternateKey_QuotesEscapesAndEncodesStrings()
    {
        var key = RecordKey.ForAlternateKey(("emailaddress1", "o'hara+x@example.com"));

        Assert.Equal("contacts(emailaddress1='o''hara%2Bx@example.com')", key.ToPath("contacts"));
    }

    [Fact]
    public void ToPath_CompositeKeyWithLookup_JoinsColumns()
    {
        var key = RecordKey.ForAlternateKey(("firstname", "Joe"), ("_parentcustomerid_value", Guid.Parse("00000000-0000-0000-0000-000000000001")), ("ec_rank", 3));

        Assert.Equal("contacts(firstname='Joe',_parentcustomerid_value=00000000-0000-0000-0000-000000000001,ec_rank=3)", key.ToPath("contacts"));
    }

    [Fact]
    public void ForAlternateKey_NullValue_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => RecordKey.ForAlternateKey(("emailaddress1", null)));
    }

    [Fact]
    public void ToString_AlternateKey_HidesValues()
    {
        var text = RecordKey.ForAlternateKey(("emailaddress1", "ada@example.com")).ToString();

        Assert.DoesNotContain("ada@example.com", text, StringComparison.Ordinal);
        Assert.Contains("emailaddress1", text, StringComparison.Ordinal);
    }
}
