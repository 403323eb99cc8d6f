using System.ComponentModel.DataAnnotations;
using EmailConnector.Worker.Reports;

namespace EmailConnector.Worker.Tests.Reports;

public sealed class ReportOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AGPL")]
    [InlineData("agpl")]
    [InlineData("bGljZW5zZS1rZXk=")]
    public void Validate_EmptyAgplOrBase64_IsValid(string? license) =>
        Assert.Empty(new ReportOptions { PdfSharpLicense = license }.Validate(new ValidationContext(new object())));

    [Fact]
    public void Validate_NeitherAgplNorBase64_NamesTheSetting()
    {
        var error = Assert.Single(new ReportOptions { PdfSharpLicense = "not a key!" }.Validate(new ValidationContext(new object())));

        Assert.Contains("Reports:PdfSharpLicense", error.ErrorMessage);
    }
}
