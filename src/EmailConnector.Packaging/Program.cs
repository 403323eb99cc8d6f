using EmailConnector.Packaging;

// dotnet EmailConnector.Packaging.dll --solution <folder> --plugin <dll> [--plugin <dll>…] --out <folder> [--allow-missing-plugin-types]
string? solution = null, output = null;
var plugins = new List<string>();
var allowMissing = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--solution" when i + 1 < args.Length: solution = args[++i]; break;
        case "--plugin" when i + 1 < args.Length: plugins.Add(args[++i]); break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--allow-missing-plugin-types": allowMissing = true; break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'.");
            return 2;
    }
}
if (solution is null || output is null)
{
    Console.Error.WriteLine("Usage: EmailConnector.Packaging --solution <folder> --plugin <dll> --out <folder> [--allow-missing-plugin-types]");
    return 2;
}

try
{
    var packer = new SolutionPacker(new PackOptions(Path.GetFullPath(solution), plugins.Select(Path.GetFullPath).ToList(), allowMissing));
    var zips = packer.PackTo(Path.GetFullPath(output));
    foreach (var warning in packer.Warnings)
        Console.Error.WriteLine("warning: " + warning);
    foreach (var zip in zips)
        Console.WriteLine("packed " + zip);
    return 0;
}
catch (Exception ex) when (ex is PackagingException or NotSupportedException)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 1;
}
