using System.Text;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>The public surface of one assembly: its types (by key) and the type forwarders it declares.</summary>
internal sealed class SurfaceListing
{
    public SurfaceListing(string assemblyName, IEnumerable<SurfaceType> types, IEnumerable<string>? forwardedTypes = null)
    {
        AssemblyName = assemblyName;
        Types = types.ToDictionary(t => t.Key, StringComparer.Ordinal);
        ForwardedTypes = forwardedTypes?.ToList() ?? [];
    }

    public string AssemblyName { get; }

    public IReadOnlyDictionary<string, SurfaceType> Types { get; }

    /// <summary>Forwarders as <c>Type.Name -&gt; Assembly</c>; the listings have none.</summary>
    public IReadOnlyList<string> ForwardedTypes { get; }

    public static SurfaceListing Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>
    /// Reads the listing format: <c>// assembly: Name, Version=…</c> comments first, then per type a header line and its
    /// members indented by two spaces, types separated by blank lines.
    /// </summary>
    public static SurfaceListing Parse(string text)
    {
        string? assemblyName = null;
        var types = new List<SurfaceType>();
        string? header = null;
        var members = new List<string>();

        void Flush()
        {
            if (header is not null)
                types.Add(SurfaceType.ParseHeader(header, members));
            header = null;
            members = [];
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("// assembly: ", StringComparison.Ordinal))
                assemblyName = line["// assembly: ".Length..].Split(',')[0].Trim();
            else if (line.StartsWith("//", StringComparison.Ordinal) || line.Trim().Length == 0)
                continue;
            else if (line.StartsWith("  ", StringComparison.Ordinal))
                members.Add(header is null ? throw new FormatException("Member line before any type: " + line) : line[2..]);
            else
            {
                Flush();
                header = line;
            }
        }
        Flush();
        return new SurfaceListing(assemblyName ?? throw new FormatException("The listing has no '// assembly:' line."), types);
    }

    /// <summary>The listing text, types and members in ordinal order (the reference files' order).</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("// assembly: ").Append(AssemblyName).Append('\n');
        foreach (var type in Types.Values.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append('\n').Append(type.Header).Append('\n');
            foreach (var member in type.Members.OrderBy(m => m, StringComparer.Ordinal))
                text.Append("  ").Append(member).Append('\n');
        }
        return text.ToString();
    }
}
