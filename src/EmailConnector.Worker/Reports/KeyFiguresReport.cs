using System.Globalization;
using EmailConnector.Core.Reactions;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace EmailConnector.Worker.Reports;

/// <summary>What the report is about and how its numbers and times are written.</summary>
/// <param name="Title">The campaign activity's subject.</param>
/// <param name="Culture">Numbers and dates (the request's language).</param>
/// <param name="TimeZone">The "as of" time (the request's time zone).</param>
/// <param name="GeneratedAt">When the figures were read.</param>
public sealed record ReportContext(string Title, CultureInfo Culture, TimeZoneInfo TimeZone, DateTimeOffset GeneratedAt);

/// <summary>
/// The "Request report" PDF: one A4 page with the mailing's key figures (counts and rates), made with PDFsharp. Labels
/// are English; numbers, percentages and the time follow the requested culture and time zone.
/// </summary>
public static class KeyFiguresReport
{
    private const string Family = "Report Sans";
    private static readonly Lock Gate = new();

    /// <summary>The rows of the report, in order: label and value. Also what the tests read back.</summary>
    public static IReadOnlyList<(string Label, string Value)> Rows(KeyFigures figures, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(culture);
        string Count(int value) => value.ToString("N0", culture);
        string Rate(double value) => Math.Round((decimal)value * 100m, 2, MidpointRounding.AwayFromZero).ToString("N2", culture) + " %";
        return
        [
            ("Sent", Count(figures.Sent)),
            ("Delivered", Count(figures.Delivered)),
            ("Delivered rate", Rate(figures.DeliveredRate)),
            ("Opens", Count(figures.Opens)),
            ("Unique opens", Count(figures.UniqueOpens)),
            ("Open rate", Rate(figures.OpenRate)),
            ("Unique open rate", Rate(figures.UniqueOpenRate)),
            ("Clicks", Count(figures.Clicks)),
            ("Unique clickers", Count(figures.UniqueClicks)),
            ("Click rate", Rate(figures.ClickRate)),
            ("Unique click rate", Rate(figures.UniqueClickRate)),
            ("Replies", Count(figures.Replies)),
            ("Reply rate", Rate(figures.ReplyRate)),
            ("Hard bounces", Count(figures.HardBounces)),
            ("Soft bounces", Count(figures.SoftBounces)),
            ("Other bounces", Count(figures.UnknownBounces + figures.BlockedBounces)),
            ("Hard bounce rate", Rate(figures.HardBounceRate)),
            ("Soft bounce rate", Rate(figures.SoftBounceRate)),
            ("Unsubscribes", Count(figures.Unsubscribes)),
            ("Unsubscribe rate", Rate(figures.UnsubscribeRate)),
            ("Complaints", Count(figures.Complaints)),
            ("Complaint rate", Rate(figures.ComplaintRate)),
        ];
    }

    public static byte[] Render(KeyFigures figures, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(context);
        UseSystemFonts();
        using var document = new PdfDocument();
        document.Info.Title = "Key figures: " + context.Title;
        document.Info.Creator = "EmailConnector";
        // Fixed dates keep the file a function of the figures (PDFsharp would stamp the wall clock).
        document.Info.CreationDate = context.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = context.GeneratedAt.UtcDateTime;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            // Unicode, not WinAnsi: subjects and culture-formatted numbers can hold any character.
            var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
            var heading = new XFont(Family, 16, XFontStyleEx.Bold, unicode);
            var normal = new XFont(Family, 10, XFontStyleEx.Regular, unicode);
            var bold = new XFont(Family, 10, XFontStyleEx.Bold, unicode);
            const double left = 56;
            var right = page.Width.Point - 56;
            var y = 64.0;
            graphics.DrawString("Key figures of the mailing", heading, XBrushes.Black, left, y);
            y += 24;
            graphics.DrawString(context.Title, bold, XBrushes.Black, left, y);
            y += 16;
            var local = TimeZoneInfo.ConvertTime(context.GeneratedAt, context.TimeZone);
            graphics.DrawString($"As of {local.ToString("g", context.Culture)} ({context.TimeZone.Id})", normal, XBrushes.Gray, left, y);
            y += 28;
            foreach (var (label, value) in Rows(figures, context.Culture))
            {
                graphics.DrawString(label, normal, XBrushes.Black, left, y);
                graphics.DrawString(value, normal, XBrushes.Black, new XRect(left, y - 10, right - left, 12), XStringFormats.TopRight);
                y += 4;
                graphics.DrawLine(XPens.LightGray, left, y, right, y);
                y += 14;
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    // PDFsharp takes one resolver per process, set before its first font: ours, unless the host installed another.
    private static void UseSystemFonts()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                var resolver = new SystemFontResolver();
                resolver.EnsureAvailable();
                GlobalFontSettings.FontResolver = resolver;
            }
        }
    }
}
