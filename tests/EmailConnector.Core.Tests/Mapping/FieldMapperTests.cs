using EmailConnector.Core.Mapping;

namespace EmailConnector.Core.Tests.Mapping;

public sealed class FieldMapperTests
{
    [Fact]
    public void Push_PushAndBothMappings_FeedTheirFieldsAndSkipPullOnes()
    {
        var sut = CreateSut(
            new FieldMapping("firstname", "FIRSTNAME", MappingDirection.Push, FieldKind.Name),
            new FieldMapping("ec_language", "LANGUAGE", MappingDirection.Both),
            new FieldMapping("ec_surveyanswer", "SURVEY", MappingDirection.Pull));

        var mapped = sut.Push(Values(("firstname", "Anna"), ("ec_language", "de"), ("ec_surveyanswer", "yes")), 255);

        Assert.Equal(new Dictionary<string, string?> { ["FIRSTNAME"] = "Anna", ["LANGUAGE"] = "de" }, mapped.Values);
        Assert.Empty(mapped.Issues);
    }

    [Fact]
    public void Push_MissingColumn_ClearsTheField()
    {
        var sut = CreateSut(new FieldMapping("lastname", "LASTNAME", MappingDirection.Push));

        var mapped = sut.Push(Values(), 255);

        Assert.True(mapped.Values.ContainsKey("LASTNAME"));
        Assert.Null(mapped.Values["LASTNAME"]);
    }

    [Fact]
    public void Push_ValueOverTheLimit_IsTruncatedWithAReason()
    {
        var sut = CreateSut(new FieldMapping("lastname", "LASTNAME", MappingDirection.Push, FieldKind.Name));

        var mapped = sut.Push(Values(("lastname", new string('x', 300))), 255);

        Assert.Equal(255, mapped.Values["LASTNAME"]!.Length);
        var issue = Assert.Single(mapped.Issues);
        Assert.Equal(FieldIssueKind.Truncated, issue.Kind);
        Assert.Equal("LASTNAME", issue.Field);
    }

    [Fact]
    public void Push_MarkupInAName_IsStrippedWithAReason()
    {
        var sut = CreateSut(new FieldMapping("lastname", "LASTNAME", MappingDirection.Push, FieldKind.Name));

        var mapped = sut.Push(Values(("lastname", "<a href='x'>Berg</a>")), 255);

        Assert.Equal("Berg", mapped.Values["LASTNAME"]);
        Assert.Equal(FieldIssueKind.MarkupStripped, Assert.Single(mapped.Issues).Kind);
    }

    [Fact]
    public void Push_MarkupInPlainText_IsLeftAlone()
    {
        var sut = CreateSut(new FieldMapping("description", "NOTE", MappingDirection.Push));

        var mapped = sut.Push(Values(("description", "<b>VIP</b>")), 255);

        Assert.Equal("<b>VIP</b>", mapped.Values["NOTE"]);
    }

    [Fact]
    public void Push_ControlCharacters_RejectTheValueWithAReason()
    {
        var sut = CreateSut(new FieldMapping("lastname", "LASTNAME", MappingDirection.Push, FieldKind.Name));

        var mapped = sut.Push(Values(("lastname", "Berg\u0000")), 255);

        Assert.Null(mapped.Values["LASTNAME"]);
        var issue = Assert.Single(mapped.Issues);
        Assert.Equal(FieldIssueKind.ControlCharactersRejected, issue.Kind);
        Assert.DoesNotContain("Berg", issue.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_LineBreakInAName_BecomesASpace()
    {
        var sut = CreateSut(new FieldMapping("lastname", "LASTNAME", MappingDirection.Push, FieldKind.Name));

        Assert.Equal("van Berg", sut.Push(Values(("lastname", "van\r\nBerg")), 255).Values["LASTNAME"]);
    }

    [Fact]
    public void Push_TypedValues_UseInvariantWireForms()
    {
        var sut = CreateSut(
            new FieldMapping("numberofemployees", "EMPLOYEES", MappingDirection.Push, FieldKind.Number),
            new FieldMapping("creditlimit", "CREDIT", MappingDirection.Push, FieldKind.Number),
            new FieldMapping("birthdate", "BIRTHDAY", MappingDirection.Push, FieldKind.Date),
            new FieldMapping("modifiedon", "MODIFIED", MappingDirection.Push, FieldKind.DateTime),
            new FieldMapping("donotphone", "NOPHONE", MappingDirection.Push, FieldKind.Boolean));
        var culture = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var mapped = sut.Push(Values(
                ("numberofemployees", 1200),
                ("creditlimit", 1234.5m),
                ("birthdate", new DateTime(1980, 5, 17, 0, 0, 0, DateTimeKind.Utc)),
                ("modifiedon", new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.FromHours(1))),
                ("donotphone", true)), 255);

            Assert.Equal("1200", mapped.Values["EMPLOYEES"]);
            Assert.Equal("1234.5", mapped.Values["CREDIT"]);
            Assert.Equal("1980-05-17", mapped.Values["BIRTHDAY"]);
            Assert.Equal("2026-03-01T13:30:00Z", mapped.Values["MODIFIED"]);
            Assert.Equal("true", mapped.Values["NOPHONE"]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Push_UnsupportedValueType_FailsLoudly()
    {
        var sut = CreateSut(new FieldMapping("ownerid", "OWNER", MappingDirection.Push));

        var thrown = Assert.Throws<NotSupportedException>(() => sut.Push(Values(("ownerid", new object())), 255));

        Assert.Contains("ownerid", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_PullAndBothMappings_FeedCrmColumnsAndSkipAbsentFields()
    {
        var sut = CreateSut(
            new FieldMapping("ec_surveyanswer", "SURVEY", MappingDirection.Pull),
            new FieldMapping("ec_language", "LANGUAGE", MappingDirection.Both),
            new FieldMapping("firstname", "FIRSTNAME", MappingDirection.Push),
            new FieldMapping("ec_interest", "INTEREST", MappingDirection.Pull));

        var mapped = sut.Pull(new Dictionary<string, string?> { ["survey"] = "yes", ["LANGUAGE"] = "fr", ["FIRSTNAME"] = "X" }, _ => 100);

        Assert.Equal(new Dictionary<string, string?> { ["ec_surveyanswer"] = "yes", ["ec_language"] = "fr" }, mapped.Values);
    }

    [Fact]
    public void Pull_ValueOverTheColumnLimit_IsTruncated()
    {
        var sut = CreateSut(new FieldMapping("ec_surveyanswer", "SURVEY", MappingDirection.Pull));

        var mapped = sut.Pull(new Dictionary<string, string?> { ["SURVEY"] = new string('y', 20) }, _ => 10);

        Assert.Equal(10, mapped.Values["ec_surveyanswer"]!.Length);
        Assert.Equal(FieldIssueKind.Truncated, Assert.Single(mapped.Issues).Kind);
    }

    [Fact]
    public void Ctor_TwoColumnsPushingOneField_Throws()
    {
        Assert.Throws<ArgumentException>(() => CreateSut(
            new FieldMapping("firstname", "NAME", MappingDirection.Push),
            new FieldMapping("lastname", "name", MappingDirection.Both)));
    }

    [Fact]
    public void PushedColumns_MixedMappings_ListsPushAndBoth()
    {
        var sut = CreateSut(
            new FieldMapping("firstname", "FIRSTNAME", MappingDirection.Push),
            new FieldMapping("ec_language", "LANGUAGE", MappingDirection.Both),
            new FieldMapping("ec_surveyanswer", "SURVEY", MappingDirection.Pull));

        Assert.Equal(["firstname", "ec_language"], sut.PushedColumns);
    }

    private static FieldMapper CreateSut(params FieldMapping[] mappings) => new(mappings);

    private static Dictionary<string, object?> Values(params (string Column, object? Value)[] values) =>
        values.ToDictionary(v => v.Column, v => v.Value);
}
