namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>
/// Compares what we ship with the reference listing of the same assembly. Only the direction "we ship it, so it must be
/// listed, with this exact shape" is checked: our SDK is a subset of the real one.
/// </summary>
/// <remarks>
/// Attributes are compared loosely: only the kinds the listings record (DataContract, CollectionDataContract,
/// KnownType, DefaultMember, Flags) count. Each one we ship must appear on the listed type with the same arguments
/// (named arguments in any order); a listed one we lack is a difference only for [Flags], which changes what
/// Enum.ToString returns to a plugin. Serialization attributes we do not ship are not required.
/// </remarks>
internal static class SurfaceComparer
{
    public static IReadOnlyList<string> Compare(SurfaceListing shipped, SurfaceListing reference, SurfaceListing? otherAssemblyReference = null)
    {
        var differences = new List<string>();

        foreach (var forwarder in shipped.ForwardedTypes)
            differences.Add($"forwarder {forwarder}: the real {reference.AssemblyName} defines its types itself and forwards none");

        foreach (var type in shipped.Types.Values.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (!reference.Types.TryGetValue(type.Key, out var listed))
            {
                differences.Add(otherAssemblyReference is not null && otherAssemblyReference.Types.ContainsKey(type.Key)
                    ? $"{type.FullName}: shipped in {shipped.AssemblyName}, but the real SDK has it in {otherAssemblyReference.AssemblyName}"
                    : $"{type.FullName}: not in the {reference.AssemblyName} listing");
                continue;
            }
            CompareHeader(type, listed, differences);
            CompareMembers(type, listed, reference, differences);
        }
        return differences;
    }

    private static void CompareHeader(SurfaceType type, SurfaceType listed, List<string> differences)
    {
        if (type.Declaration != listed.Declaration)
            differences.Add($"{type.FullName}: declared '{type.Declaration}', listed '{listed.Declaration}'");

        var ours = type.BaseTypes.OrderBy(b => b, StringComparer.Ordinal);
        var theirs = listed.BaseTypes.OrderBy(b => b, StringComparer.Ordinal);
        if (!ours.SequenceEqual(theirs, StringComparer.Ordinal))
            differences.Add($"{type.FullName}: base type and interfaces '{string.Join(", ", type.BaseTypes)}', listed '{string.Join(", ", listed.BaseTypes)}'");

        if (type.Constraints != listed.Constraints)
            differences.Add($"{type.FullName}: constraints '{type.Constraints}', listed '{listed.Constraints}'");

        var listedAttributes = listed.Attributes.Select(NormalizeAttribute).ToHashSet(StringComparer.Ordinal);
        foreach (var attribute in type.Attributes)
        {
            if (!listedAttributes.Contains(NormalizeAttribute(attribute)))
                differences.Add($"{type.FullName}: attribute {attribute} is not on the listed type (listed: {string.Join("", listed.Attributes)})");
        }
        if (listed.Attributes.Any(a => a.StartsWith("[Flags(", StringComparison.Ordinal)) && !type.Attributes.Any(a => a.StartsWith("[Flags(", StringComparison.Ordinal)))
            differences.Add($"{type.FullName}: [Flags()] is listed but not shipped");
    }

    private static void CompareMembers(SurfaceType type, SurfaceType listed, SurfaceListing reference, List<string> differences)
    {
        foreach (var member in type.Members.OrderBy(m => m, StringComparer.Ordinal))
        {
            if (listed.Members.Contains(member))
                continue;
            differences.Add($"{type.FullName}: '{member}' is not listed{Hint(member, type, listed, reference)}");
        }
    }

    // Tells where the mismatch most likely is: same name listed with another shape, or the same line on another type.
    private static string Hint(string member, SurfaceType type, SurfaceType listed, SurfaceListing reference)
    {
        var name = SurfaceType.MemberNameOf(member);
        var sameName = listed.Members.Where(m => SurfaceType.MemberNameOf(m) == name).OrderBy(m => m, StringComparer.Ordinal).ToList();
        var declaredElsewhere = reference.Types.Values
            .Where(t => t.Key != type.Key && t.Members.Contains(member))
            .Select(t => t.FullName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

        var hints = new List<string>();
        if (sameName.Count > 0)
            hints.Add("listed with that name: " + string.Join(" | ", sameName.Select(m => "'" + m + "'")));
        if (declaredElsewhere.Count > 0)
            hints.Add("the listing declares it on " + string.Join(", ", declaredElsewhere.Take(5)) + (declaredElsewhere.Count > 5 ? ", …" : string.Empty));
        return hints.Count == 0 ? string.Empty : " (" + string.Join("; ", hints) + ")";
    }

    private static string NormalizeAttribute(string attribute)
    {
        var open = attribute.IndexOf('(');
        if (open < 0 || !attribute.EndsWith(")]", StringComparison.Ordinal))
            return attribute;
        var arguments = SurfaceType.SplitTopLevel(attribute[(open + 1)..^2]).ToList();
        var positional = arguments.Where(a => !IsNamed(a));
        var named = arguments.Where(IsNamed).OrderBy(a => a, StringComparer.Ordinal);
        return attribute[..(open + 1)] + string.Join(", ", positional.Concat(named)) + ")]";
    }

    private static bool IsNamed(string argument) => !argument.StartsWith('(') && argument.Contains('=', StringComparison.Ordinal);
}
