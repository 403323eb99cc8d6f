using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EmailConnector.Packaging;

/// <summary>Reads unpacked source XML and writes XML the way Dataverse 9.2 exports it.</summary>
internal static class XmlFiles
{
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static XDocument Load(string path)
    {
        try
        {
            return XDocument.Load(path, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new PackagingException($"{path} is not well-formed XML: {ex.Message}");
        }
    }

    /// <summary>The root element, detached, without the xmlns:xsi declaration SolutionPackager adds to unpacked files.</summary>
    public static XElement LoadFragment(string path)
    {
        var root = new XElement(Load(path).Root!);
        StripNamespaceDeclarations(root);
        return root;
    }

    public static void StripNamespaceDeclarations(XElement element)
    {
        foreach (var e in element.DescendantsAndSelf())
            e.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
    }

    /// <summary>CrmLive 9.2 exports write solution.xml and customizations.xml without BOM or declaration, CRLF, two-space indent.</summary>
    public static byte[] ToExportBytes(XElement root)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\r\n",
            NewLineHandling = NewLineHandling.Replace,
            Encoding = new UTF8Encoding(false),
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
            root.WriteTo(writer);
        return stream.ToArray();
    }
}
