using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace EmailConnector.Dataverse.Batch;

/// <summary>Parses a <c>multipart/mixed</c> batch response, change-set responses included.</summary>
internal static class BatchResponseReader
{
    public static IReadOnlyList<BatchResponse> Read(string body, string contentType)
    {
        var boundary = BoundaryOf(contentType)
            ?? throw new InvalidDataException("The $batch response has no multipart boundary.");
        var responses = new List<BatchResponse>();
        foreach (var part in SplitParts(body, boundary))
        {
            ReadPart(part, responses, inChangeSet: false);
        }

        return responses;
    }

    public static string? BoundaryOf(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = media.Parameters.FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase))?.Value;
        return value?.Trim('"');
    }

    private static void ReadPart(string part, List<BatchResponse> responses, bool inChangeSet)
    {
        var (headers, content) = SplitHeaders(part);
        var contentType = headers.GetValueOrDefault("Content-Type") ?? string.Empty;
        if (contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = BoundaryOf(contentType) ?? throw new InvalidDataException("A change-set response has no boundary.");
            foreach (var inner in SplitParts(content, boundary))
            {
                ReadPart(inner, responses, inChangeSet: true);
            }

            return;
        }

        if (!contentType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Unexpected $batch part of type '{contentType}'.");
        }

        var statusEnd = content.IndexOf('\n', StringComparison.Ordinal);
        var statusLine = (statusEnd < 0 ? content : content[..statusEnd]).TrimEnd('\r');
        var status = ParseStatus(statusLine);
        var (innerHeaders, innerBody) = SplitHeaders(statusEnd < 0 ? string.Empty : content[(statusEnd + 1)..]);
        responses.Add(new BatchResponse(status, headers.GetValueOrDefault("Content-ID"), innerHeaders, innerBody.Trim(), inChangeSet));
    }

    private static HttpStatusCode ParseStatus(string statusLine)
    {
        var pieces = statusLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length < 2 || !pieces[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new InvalidDataException("A $batch part does not start with an HTTP status line.");
        }

        return (HttpStatusCode)code;
    }

    private static (Dictionary<string, string> Headers, string Remainder) SplitHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = (end < 0 ? text[position..] : text[position..end]).TrimEnd('\r');
            position = end < 0 ? text.Length : end + 1;
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, text[position..]);
    }

    private static List<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        var start = FindDelimiter(body, delimiter, 0);
        if (start < 0)
        {
            throw new InvalidDataException("The multipart body does not contain its boundary.");
        }

        while (true)
        {
            var afterDelimiter = start + delimiter.Length;
            if (string.CompareOrdinal(body, afterDelimiter, "--", 0, 2) == 0)
            {
                return parts;
            }

            var lineEnd = body.IndexOf('\n', afterDelimiter);
            if (lineEnd < 0)
            {
                throw new InvalidDataException("The multipart body ends inside a boundary line.");
            }

            var next = FindDelimiter(body, delimiter, lineEnd + 1);
            if (next < 0)
            {
                throw new InvalidDataException("The multipart body has no closing boundary.");
            }

            // The line break before a delimiter belongs to the delimiter, not to the part.
            var partEnd = next;
            if (partEnd > 0 && body[partEnd - 1] == '\n')
            {
                partEnd--;
                if (partEnd > 0 && body[partEnd - 1] == '\r')
                {
                    partEnd--;
                }
            }

            parts.Add(body[(lineEnd + 1)..Math.Max(lineEnd + 1, partEnd)]);
            start = next;
        }
    }

    private static int FindDelimiter(string body, string delimiter, int from)
    {
        var index = from;
        while ((index = body.IndexOf(delimiter, index, StringComparison.Ordinal)) >= 0)
        {
            if (index == 0 || body[index - 1] == '\n')
            {
                return index;
            }

            index += delimiter.Length;
        }

        return -1;
    }
}
