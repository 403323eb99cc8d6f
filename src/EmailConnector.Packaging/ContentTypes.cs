using System.Text;

namespace EmailConnector.Packaging;

/// <summary>
/// [Content_Types].xml of a solution zip: one Default per file extension, one Override per extension-less part
/// (flattened web resources), all application/octet-stream, on a single line after a BOM and declaration.
/// </summary>
public static class ContentTypes
{
    public const string FileName = "[Content_Types].xml";
    private const string OctetStream = "application/octet-stream";

    public static byte[] For(IEnumerable<string> partPaths)
    {
        var extensions = new SortedSet<string>(StringComparer.Ordinal);
        var overrides = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in partPaths)
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            var dot = name.LastIndexOf('.');
            if (dot > 0)
                extensions.Add(name[(dot + 1)..].ToLowerInvariant());
            else
                overrides.Add("/" + path);
        }
        extensions.Remove("xml");

        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.Append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
        xml.Append($"<Default Extension=\"xml\" ContentType=\"{OctetStream}\" />");
        foreach (var ext in extensions)
            xml.Append($"<Default Extension=\"{ext}\" ContentType=\"{OctetStream}\" />");
        foreach (var part in overrides)
            xml.Append($"<Override PartName=\"{System.Security.SecurityElement.Escape(part)}\" ContentType=\"{OctetStream}\" />");
        xml.Append("</Types>");
        return new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(xml.ToString())).ToArray();
    }
}
