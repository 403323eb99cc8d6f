using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Tests.Rows;

public class ODataLiteralTests
{
    public static TheoryData<object?, string> Literals => new()
    {
        { null, "null" },
        { "O'Hara", "'O''Hara'" },
        { Guid.Parse("00000000-0000-0000-0000-000000000001"), "00000000-0000-0000-0000-000000000001" },
        { true, "true" },
        { 42, "42" },
        { 12.5m, "12.5" },
        { new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), "2024-01-02T03:04:05Z" },
        { new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)), "2024-01-02T03:04:05Z" },
        { new DateOnly(2024, 1, 2), "2024-01-02" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Format_Value_WritesODataLiteral(object? value, string expected)
    {
        Assert.Equal(expected, ODataLiteral.Format(value));
    }

    [Fact]
    public void Format_UnsupportedType_FailsLoudly()
    {
        Assert.Throws<NotSupportedException>(() => ODataLiteral.Format(new object()));
    }
}
