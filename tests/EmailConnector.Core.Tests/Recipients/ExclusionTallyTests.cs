using EmailConnector.Core.Recipients;

namespace EmailConnector.Core.Tests.Recipients;

public sealed class ExclusionTallyTests
{
    [Fact]
    public void Move_FromAnEmptyBucket_Throws()
    {
        var sut = new ExclusionTally();

        Assert.Throws<InvalidOperationException>(() => sut.Move(ExclusionReason.None, ExclusionReason.DuplicateAddress));
    }

    [Fact]
    public void Add_UnknownReason_Throws()
    {
        var sut = new ExclusionTally();

        Assert.Throws<ArgumentOutOfRangeException>(() => sut.Add((ExclusionReason)99));
    }
}
