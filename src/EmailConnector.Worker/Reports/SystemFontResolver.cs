using PdfSharp.Fonts;

namespace EmailConnector.Worker.Reports;

/// <summary>
/// PDFsharp 6 finds no fonts by itself outside Windows: this resolver serves every family the report asks for from one
/// TrueType family installed on the machine (DejaVu Sans, Liberation Sans or Arial, found at run time). Without any of
/// them it fails with the directories it searched and the package that provides one.
/// </summary>
public sealed class SystemFontResolver : IFontResolver
{
    private const string RegularFace = "EmailConnectorReport#Regular";
    private const string BoldFace = "EmailConnectorReport#Bold";

    // (regular, bold) file names per family, in order of preference.
    private static readonly (string Regular, string Bold)[] Families =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
        ("Arial.ttf", "Arial Bold.ttf"),
    ];

    private readonly Lazy<(byte[] Regular, byte[] Bold)> _fonts;

    public SystemFontResolver()
        : this(DefaultDirectories())
    {
    }

    public SystemFontResolver(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        Directories = directories;
        _fonts = new Lazy<(byte[], byte[])>(() => Load(directories));
    }

    /// <summary>Where fonts are looked for (recursively).</summary>
    public IReadOnlyList<string> Directories { get; }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faceName switch
    {
        RegularFace => _fonts.Value.Regular,
        BoldFace => _fonts.Value.Bold,
        _ => throw new ArgumentException($"The report font resolver has no face '{faceName}'.", nameof(faceName)),
    };

    /// <summary>Loads the fonts now, so a machine without them fails at once with the reason.</summary>
    public void EnsureAvailable() => _ = _fonts.Value;

    private static (byte[], byte[]) Load(IReadOnlyList<string> directories)
    {
        var files = directories.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.ttf", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive }))
            .GroupBy(Path.GetFileName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key!, g => g.OrderBy(p => p, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        foreach (var (regular, bold) in Families)
        {
            if (files.TryGetValue(regular, out var regularPath))
            {
                var regularBytes = File.ReadAllBytes(regularPath);
                return (regularBytes, files.TryGetValue(bold, out var boldPath) ? File.ReadAllBytes(boldPath) : regularBytes);
            }
        }

        throw new InvalidOperationException(
            $"No font for the report PDF: none of {string.Join(", ", Families.Select(f => f.Regular))} was found under {string.Join(", ", directories)}. " +
            "Install one, e.g. the Debian package fonts-dejavu-core.");
    }

    private static string[] DefaultDirectories()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return
        [
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            Path.Combine(home, ".fonts"),
            Path.Combine(home, ".local", "share", "fonts"),
            Environment.GetFolderPath(Environment.SpecialFolder.Fonts) is { Length: > 0 } system ? system : "/usr/share/fonts",
            "/Library/Fonts",
            "/System/Library/Fonts",
        ];
    }
}
