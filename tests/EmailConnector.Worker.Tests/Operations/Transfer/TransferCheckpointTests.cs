using EmailConnector.Worker.Operations.Transfer;

namespace EmailConnector.Worker.Tests.Operations.Transfer;

public sealed class TransferCheckpointTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"expectedRecipientCount\":12}")]
    public void Read_NoCheckpoint_StartsFromTheBeginning(string? parameters)
    {
        Assert.Equal(TransferCheckpoint.Start, TransferCheckpoint.Read(parameters));
    }

    [Fact]
    public void WriteInto_ExistingParameters_KeepsThemAndRoundTrips()
    {
        var member = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
        var checkpoint = new TransferCheckpoint(6, 1, member, Rejected: 2);

        var parameters = checkpoint.WriteInto("{\"expectedRecipientCount\":12}");

        Assert.Contains("\"expectedRecipientCount\":12", parameters, StringComparison.Ordinal);
        Assert.Equal(checkpoint, TransferCheckpoint.Read(parameters));
        Assert.Equal(new TransferCheckpoint(9, 1, member), TransferCheckpoint.Read(new TransferCheckpoint(9, 1, member).WriteInto(parameters)));
    }
}
