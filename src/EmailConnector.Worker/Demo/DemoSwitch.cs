namespace EmailConnector.Worker.Demo;

/// <summary>The command-line switch <c>--demo</c>.</summary>
public static class DemoSwitch
{
    /// <summary>
    /// Turns <c>--demo</c> into <c>--Demo:Enabled=true</c>: the host's command-line configuration would read a bare
    /// switch as a key whose value is the next argument.
    /// </summary>
    public static string[] Expand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Select(a => string.Equals(a, "--demo", StringComparison.OrdinalIgnoreCase) ? "--Demo:Enabled=true" : a).ToArray();
    }
}
