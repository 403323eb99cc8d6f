namespace EmailConnector.Core.Tests;

public sealed class RecordReferenceTests
{
    [Fact]
    public void Equals_SameTableDifferentCase_AreEqual()
    {
        var id = Guid.NewGuid();

        Assert.Equal(new RecordReference("Contact", id), RecordReference.Contact(id));
        Assert.Equal(new RecordReference("Contact", id).GetHashCode(), RecordReference.Contact(id).GetHashCode());
    }

    [Fact]
    public void Equals_SameIdDifferentTable_AreDifferent()
    {
        var id = Guid.NewGuid();

        Assert.NotEqual(RecordReference.Contact(id), RecordReference.Lead(id));
    }

    [Fact]
    public void Parse_ToStringForm_RoundTrips()
    {
        var record = RecordReference.Lead(Guid.NewGuid());

        Assert.Equal(record, RecordReference.Parse(record.ToString()));
    }

    [Theory]
    [InlineData("contact")]
    [InlineData(":6f1c2a3b-0000-0000-0000-000000000001")]
    [InlineData("contact:not-a-guid")]
    public void Parse_MalformedText_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => RecordReference.Parse(text));
    }

    [Fact]
    public void Ctor_EmptyId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RecordReference("contact", Guid.Empty));
    }
}
