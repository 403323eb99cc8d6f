using System.Xml.Linq;

namespace EmailConnector.Emulator.WebApi.ConsolePage;

/// <summary>A web resource of the solution: its name (<c>ec_/scripts/commands.js</c>), its content file and type.</summary>
internal sealed record WebResourceFile(string Name, string Path, int Type)
{
    /// <summary>The content type Dataverse serves a web resource type with (webresourcetype choice values).</summary>
    public string ContentType => Type switch
    {
        1 => "text/html; charset=utf-8",
        2 => "text/css; charset=utf-8",
        3 => "text/javascript; charset=utf-8",
        4 => "text/xml; charset=utf-8",
        5 => "image/png",
        6 => "image/jpeg",
        7 => "image/gif",
        9 => "text/xsl; charset=utf-8",
        10 => "image/x-icon",
        11 => "image/svg+xml",
        12 => "text/xml; charset=utf-8",
        _ => throw new NotSupportedException($"Web resource '{Name}' has webresourcetype {Type}, which the emulator console does not serve."),
    };
}

/// <summary>
/// The web resources of an unpacked solution, by name, read from their <c>.data.xml</c> files: the console serves them
/// unchanged at <c>/WebResources/&lt;name&gt;</c>, the URL Dataverse gives them, so relative references between them
/// (<c>../scripts/commands.js</c>) resolve as they do in an org.
/// </summary>
internal sealed class WebResourceCatalog
{
    private readonly Dictionary<string, WebResourceFile> _files;

    private WebResourceCatalog(Dictionary<string, WebResourceFile> files) => _files = files;

    public IReadOnlyCollection<WebResourceFile> Files => _files.Values;

    public static WebResourceCatalog Read(string solutionFolder)
    {
        var files = new Dictionary<string, WebResourceFile>(StringComparer.OrdinalIgnoreCase);
        var root = System.IO.Path.Combine(solutionFolder, "WebResources");
        if (!Directory.Exists(root))
            return new WebResourceCatalog(files);
        foreach (var dataFile in Directory.EnumerateFiles(root, "*.data.xml", SearchOption.AllDirectories))
        {
            var document = XDocument.Load(dataFile);
            var name = document.Root?.Element("Name")?.Value
                ?? throw new InvalidDataException($"{dataFile} has no <Name>.");
            var type = int.Parse(document.Root.Element("WebResourceType")?.Value
                ?? throw new InvalidDataException($"{dataFile} has no <WebResourceType>."), System.Globalization.CultureInfo.InvariantCulture);
            var content = dataFile[..^".data.xml".Length];
            if (!File.Exists(content))
                throw new InvalidDataException($"Web resource '{name}' has no content file beside {dataFile}.");
            files.Add(name, new WebResourceFile(name, content, type));
        }
        return new WebResourceCatalog(files);
    }

    public WebResourceFile? Find(string name) => _files.TryGetValue(name, out var file) ? file : null;
}
