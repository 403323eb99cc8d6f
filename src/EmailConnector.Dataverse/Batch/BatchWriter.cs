using System.Globalization;
using System.Text;
using EmailConnector.Dataverse.Http;

namespace EmailConnector.Dataverse.Batch;

/// <summary>Writes a <see cref="DataverseBatch"/> as the <c>multipart/mixed</c> body Dataverse expects (CRLF lines).</summary>
internal static class BatchWriter
{
    private const string Crlf = "\r\n";

    public static byte[] Write(DataverseBatch batch, Uri serviceRoot, string batchBoundary, Func<string> newChangeSetBoundary)
    {
        using var stream = new MemoryStream();
        foreach (var item in batch.Items)
        {
            WriteText(stream, "--" + batchBoundary + Crlf);
            if (!item.IsChangeSet)
            {
                WritePart(stream, item.Requests[0], serviceRoot, contentId: null);
                continue;
            }

            var changeSet = newChangeSetBoundary();
            WriteText(stream, "Content-Type: multipart/mixed; boundary=" + changeSet + Crlf + Crlf);
            for (var i = 0; i < item.Requests.Count; i++)
            {
                WriteText(stream, "--" + changeSet + Crlf);
                WritePart(stream, item.Requests[i], serviceRoot, (i + 1).ToString(CultureInfo.InvariantCulture));
            }

            WriteText(stream, "--" + changeSet + "--" + Crlf);
        }

        WriteText(stream, "--" + batchBoundary + "--" + Crlf);
        return stream.ToArray();
    }

    private static void WritePart(Stream stream, DataverseRequest request, Uri serviceRoot, string? contentId)
    {
        var text = new StringBuilder();
        text.Append("Content-Type: application/http").Append(Crlf);
        text.Append("Content-Transfer-Encoding: binary").Append(Crlf);
        if (contentId is not null)
        {
            text.Append("Content-ID: ").Append(contentId).Append(Crlf);
        }

        text.Append(Crlf);

        // A "$n" reference to an earlier change-set member is written as is; everything else as an absolute URL.
        var target = request.Path.StartsWith('$') ? request.Path : request.ResolveUri(serviceRoot).AbsoluteUri;
        text.Append(request.Method.Method).Append(' ').Append(target).Append(" HTTP/1.1").Append(Crlf);
        foreach (var group in request.Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(group.Key).Append(": ").Append(string.Join(",", group.Select(h => h.Value))).Append(Crlf);
        }

        if (request.Body is null)
        {
            if (request.Method == HttpMethod.Get)
            {
                text.Append("Accept: application/json").Append(Crlf);
            }

            text.Append(Crlf);
            WriteText(stream, text.ToString());
            return;
        }

        text.Append("Content-Type: application/json; type=entry").Append(Crlf).Append(Crlf);
        WriteText(stream, text.ToString());
        stream.Write(request.Body);
        WriteText(stream, Crlf);
    }

    private static void WriteText(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
