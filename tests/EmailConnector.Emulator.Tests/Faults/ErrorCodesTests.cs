using EmailConnector.Emulator.Faults;

namespace EmailConnector.Emulator.Tests.Faults;

public class ErrorCodesTests
{
    [Fact]
    public void All_EveryCodeNamesItsSource()
    {
        Assert.All(ErrorCodes.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Source)));
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("ObjectDoesNotExist", 0x80040217u)]
    [InlineData("DuplicateRecord", 0x80040237u)]
    [InlineData("IsvAborted", 0x80040265u)]
    [InlineData("ConcurrencyVersionMismatch", 0x80060882u)]
    public void All_DocumentedCodes_HaveTheirDataverseValues(string name, uint code)
    {
        var entry = ErrorCodes.All.Single(c => c.Name == name);

        Assert.Equal(code, entry.Code);
        Assert.True(entry.IsVerified);
        Assert.Equal("0x" + code.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), entry.Hex);
    }

    [Fact]
    public void Create_Fault_CarriesCodeAndMessage()
    {
        var fault = OrganizationFaults.NotFound("contact", Guid.Empty);

        Assert.Equal(unchecked((int)0x80040217), fault.Detail.ErrorCode);
        Assert.Equal($"contact With Id = {Guid.Empty} Does Not Exist", fault.Detail.Message);
        Assert.Equal(fault.Detail.Message, fault.Message);
    }
}
