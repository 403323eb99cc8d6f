using System.Globalization;
using System.Text;
using EmailConnector.Core.Reactions;
using EmailConnector.Worker.Reports;
using EmailConnector.Worker.Tests.Support;

namespace EmailConnector.Worker.Tests.Reports;

public sealed class KeyFiguresReportTests
{
    // The tests use PDFsharp under the AGPL; the worker declares whatever Reports:PdfSharpLicense says.
    public KeyFiguresReportTests() => PdfSharp.PdfSharpLicense.SetAgplLicense();

    private static readonly KeyFigures Figures = new()
    {
        Sent = 1200, Delivered = 1000, Opens = 450, UniqueOpens = 300, Clicks = 90, UniqueClicks = 60,
        HardBounces = 12, SoftBounces = 8, BlockedBounces = 3, UnknownBounces = 2, Unsubscribes = 5, Complaints = 1, Replies = 4,
    };

    [Fact]
    public void Render_Figures_IsAPdfWhoseTextHoldsEveryRow()
    {
        var pdf = KeyFiguresReport.Render(Figures, new ReportContext("Spring offer", CultureInfo.InvariantCulture, TimeZoneInfo.Utc, new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero)));

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var (document, text) = PdfText.Read(pdf);
        Assert.Equal(1, document.PageCount);
        Assert.Equal("Key figures: Spring offer", document.Info.Title);
        Assert.Contains("Key figures of the mailing", text);
        Assert.Contains("Spring offer", text);
        foreach (var (label, value) in KeyFiguresReport.Rows(Figures, CultureInfo.InvariantCulture))
        {
            Assert.Contains(label, text);
            Assert.Contains(value, text);
        }
    }

    [Fact]
    public void Rows_GermanCulture_FormatsCountsAndRatesTheGermanWay()
    {
        var rows = KeyFiguresReport.Rows(Figures, CultureInfo.GetCultureInfo("de-DE")).ToDictionary(r => r.Label, r => r.Value);

        Assert.Equal("1.200", rows["Sent"]);
        Assert.Equal("83,33 %", rows["Delivered rate"]);
        Assert.Equal("45,00 %", rows["Open rate"]);
        Assert.Equal("5", rows["Other bounces"]);
    }

    [Fact]
    public void Render_TimeZone_WritesTheLocalTimeOfTheRequest()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var pdf = KeyFiguresReport.Render(Figures, new ReportContext("Spring offer", CultureInfo.GetCultureInfo("de-DE"), berlin, new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero)));

        Assert.Contains("As of 16.03.2026 10:00 (Europe/Berlin)", PdfText.Read(pdf).Text);
    }
}
