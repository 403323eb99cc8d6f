using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// Reads a PDF back with PDFsharp and recovers the text of its first page: the shown glyph strings of the content
/// stream, decoded through each font's ToUnicode map. Enough for PDFsharp's own output (one font per show operator).
/// </summary>
internal static partial class PdfText
{
    public static (PdfDocument Document, string Text) Read(byte[] pdf)
    {
        var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var page = document.Pages[0];
        var maps = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        var fonts = page.Resources.Elements.GetDictionary("/Font")!;
        foreach (var name in fonts.Elements.Keys)
        {
            var font = (PdfDictionary)((PdfReference)fonts.Elements[name]!).Value;
            maps[name] = font.Elements["/ToUnicode"] is PdfReference { Value: PdfDictionary cmap } ? ParseCMap(cmap.Stream.UnfilteredValue) : [];
        }

        var content = Encoding.Latin1.GetString(page.Contents.CreateSingleContent().Stream.UnfilteredValue);
        var text = new StringBuilder();
        var current = new Dictionary<int, string>();
        foreach (Match token in ContentToken().Matches(content))
        {
            if (token.Groups["font"].Success)
            {
                current = maps.GetValueOrDefault(token.Groups["font"].Value) ?? [];
                continue;
            }

            var hex = string.Concat(token.Groups["hex"].Value.Where(char.IsAsciiHexDigit));
            for (var i = 0; i + 4 <= hex.Length; i += 4)
                text.Append(current.GetValueOrDefault(int.Parse(hex.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture), "?"));
            text.Append('\n');
        }

        return (document, text.ToString());
    }

    private static Dictionary<int, string> ParseCMap(byte[] stream)
    {
        var map = new Dictionary<int, string>();
        var text = Encoding.Latin1.GetString(stream);
        foreach (Match range in BfRange().Matches(text))
        {
            var low = Hex(range.Groups[1].Value);
            var high = Hex(range.Groups[2].Value);
            var target = Hex(range.Groups[3].Value);
            for (var glyph = low; glyph <= high; glyph++)
                map[glyph] = char.ConvertFromUtf32(target + glyph - low);
        }

        foreach (Match block in BfCharBlock().Matches(text))
        {
            foreach (Match single in BfChar().Matches(block.Groups[1].Value))
                map[Hex(single.Groups[1].Value)] = char.ConvertFromUtf32(Hex(single.Groups[2].Value));
        }
        return map;
    }

    private static int Hex(string value) => int.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<font>/[A-Za-z0-9+_-]+)\s+[\d.]+\s+Tf|<(?<hex>[0-9A-Fa-f\s]+)>\s*Tj")]
    private static partial Regex ContentToken();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfCharBlock();

    [GeneratedRegex(@"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>")]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>")]
    private static partial Regex BfChar();
}
