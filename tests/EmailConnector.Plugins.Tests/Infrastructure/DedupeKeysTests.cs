using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.Tests.Infrastructure;

public class DedupeKeysTests
{
    private static readonly Guid Id = new("6F1C0E2A-0000-4000-8000-00000000ABCD");

    [Fact]
    public void Pending_OperationTableAndId_IsLowerCaseWithPendingSuffix()
    {
        Assert.Equal("updaterecipient:contact:6f1c0e2a-0000-4000-8000-00000000abcd:pending", DedupeKeys.Pending(SyncOperation.UpdateRecipient, "Contact", Id));
    }

    [Fact]
    public void Claimed_PendingKey_ReplacesTheSuffixWithTheRequestId()
    {
        var request = new Guid("00000000-0000-0000-0000-000000000001");

        Assert.Equal("erase:lead:6f1c0e2a-0000-4000-8000-00000000abcd:00000000-0000-0000-0000-000000000001",
            DedupeKeys.Claimed(DedupeKeys.Pending(SyncOperation.Erase, "lead", Id), request));
        Assert.Throws<ArgumentException>(() => DedupeKeys.Claimed("erase:lead:x:00000000-0000-0000-0000-000000000001", request));
    }

    [Theory]
    [InlineData(null, new[] { "lastname" }, "lastname")]
    [InlineData("lastname", new[] { "FirstName", "lastname" }, "firstname,lastname")]
    [InlineData("emailaddress1,lastname", new string[0], "emailaddress1,lastname")]
    [InlineData("*", new[] { "lastname" }, "*")]
    [InlineData(null, new string[0], "")]
    public void MergeColumns_ExistingAndAdded_AreSortedDistinctLowerCase(string? existing, string[] added, string expected)
    {
        Assert.Equal(expected, DedupeKeys.MergeColumns(existing, added));
    }

    [Fact]
    public void MergeColumns_TooLongForTheColumn_BecomesAll()
    {
        var many = Enumerable.Range(0, 400).Select(i => "ec_column" + i.ToString("D4"));

        Assert.Equal(DedupeKeys.AllColumns, DedupeKeys.MergeColumns(null, many));
    }
}
