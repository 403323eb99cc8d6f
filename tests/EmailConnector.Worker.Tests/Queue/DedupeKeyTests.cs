using EmailConnector.Schema;
using EmailConnector.Worker.Queue;

namespace EmailConnector.Worker.Tests.Queue;

public sealed class DedupeKeyTests
{
    private static readonly Guid RequestId = new("5b1e4c1a-9d52-4f0e-8a57-0c2b1f6d3e11");

    [Fact]
    public void OnClaim_PendingKey_ReplacesTheSuffixWithTheRequestId()
    {
        var claimed = DedupeKey.OnClaim("ensurelist:campaignactivity:0f8fad5b-d9cb-469f-a165-70867728950e:pending", RequestId);

        Assert.Equal("ensurelist:campaignactivity:0f8fad5b-d9cb-469f-a165-70867728950e:" + RequestId.ToString("D"), claimed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ensurelist:campaignactivity:0f8fad5b-d9cb-469f-a165-70867728950e:5b1e4c1a-9d52-4f0e-8a57-0c2b1f6d3e11")]
    [InlineData("something:PENDING")]
    public void OnClaim_KeyAlreadyClaimedOrAbsent_IsKept(string? key)
    {
        Assert.Equal(key, DedupeKey.OnClaim(key, RequestId));
    }

    [Fact]
    public void OnClaim_ClaimedKeyTooLong_Throws()
    {
        var key = new string('x', SyncRequest.DedupeKeyMaxLength - DedupeKey.PendingSuffix.Length) + DedupeKey.PendingSuffix;

        Assert.Throws<InvalidOperationException>(() => DedupeKey.OnClaim(key, RequestId));
    }
}
