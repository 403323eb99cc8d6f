using System.Text;
using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.Batch;

/// <summary>One MIME part: its headers and its content (CRLF line ends).</summary>
internal sealed record MimePart(IReadOnlyDictionary<string, string> Headers, string Content);

/// <summary>multipart/mixed as $batch uses it (dataverse.md §3.8): "--boundary" lines, "--boundary--" to close.</summary>
internal static class Multipart
{
    public static string BoundaryOf(string? contentType)
    {
        if (contentType is null || !contentType.TrimStart().StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            throw WebApiErrors.Malformed("A $batch request must have Content-Type multipart/mixed with a boundary.");
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("boundary", StringComparison.OrdinalIgnoreCase) && pair[1].Trim('"').Length > 0)
                return pair[1].Trim('"');
        }
        throw WebApiErrors.Malformed("The multipart/mixed Content-Type has no boundary parameter.");
    }

    public static List<MimePart> Parse(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var close = delimiter + "--";
        var parts = new List<MimePart>();
        List<string>? current = null;
        var closed = false;
        foreach (var line in Lines(body))
        {
            var trimmed = line.TrimEnd();
            if (trimmed == close)
            {
                if (current is not null)
                    parts.Add(ToPart(current));
                current = null;
                closed = true;
                break;
            }
            if (trimmed == delimiter)
            {
                if (current is not null)
                    parts.Add(ToPart(current));
                current = [];
                continue;
            }
            current?.Add(line);
        }
        if (!closed)
            throw WebApiErrors.Malformed($"The multipart body is not closed by '{close}'.");
        return parts;
    }

    /// <summary>Splits header lines ("Name: value") from the rest at the first empty line.</summary>
    public static (Dictionary<string, string> Headers, List<string> Remainder) SplitHeaders(IReadOnlyList<string> lines, int start)
    {
        var headers = ApiRequest.NewHeaders();
        var i = start;
        for (; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                i++;
                break;
            }
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw WebApiErrors.Malformed($"The batch part header line '{lines[i]}' is not valid.");
            headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }
        return (headers, lines.Skip(i).ToList());
    }

    public static IEnumerable<string> Lines(string text)
    {
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
            yield return line;
    }

    private static MimePart ToPart(List<string> lines)
    {
        var (headers, rest) = SplitHeaders(lines, 0);
        while (rest.Count > 0 && rest[^1].Length == 0)
            rest.RemoveAt(rest.Count - 1);
        return new MimePart(headers, string.Join("\r\n", rest));
    }

    public static void AppendHttpPart(StringBuilder output, string boundary, string? contentId, ApiResponse response)
    {
        output.Append("--").Append(boundary).Append("\r\n");
        output.Append("Content-Type: application/http\r\n");
        output.Append("Content-Transfer-Encoding: binary\r\n");
        if (contentId is not null)
            output.Append("Content-ID: ").Append(contentId).Append("\r\n");
        output.Append("\r\n");
        output.Append("HTTP/1.1 ").Append(response.Status).Append(' ')
            .Append(Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(response.Status)).Append("\r\n");
        if (response.ContentType is not null)
            output.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        output.Append("OData-Version: 4.0\r\n");
        foreach (var (name, value) in response.Headers)
            output.Append(name).Append(": ").Append(value).Append("\r\n");
        output.Append("\r\n");
        if (response.Body.Length > 0)
            output.Append(Encoding.UTF8.GetString(response.Body)).Append("\r\n");
    }
}
