using System.Text;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>
/// One public type in the listing format of shared/reference/xrm-sdk/*.surface.txt: a header line
/// (<c>[attributes] modifiers kind Full.Name&lt;T&gt; : Base, Interfaces</c>) and indented member lines.
/// </summary>
internal sealed class SurfaceType
{
    private static readonly string[] Kinds = ["class", "interface", "enum", "struct", "delegate"];

    public SurfaceType(IReadOnlyList<string> attributes, string declaration, IReadOnlyList<string> baseTypes, string constraints,
        IEnumerable<string> members)
    {
        Attributes = attributes;
        Declaration = declaration;
        BaseTypes = baseTypes;
        Constraints = constraints;
        Members = new HashSet<string>(members, StringComparer.Ordinal);
        FullName = FullNameOf(declaration);
        Key = KeyOf(FullName);
    }

    /// <summary>Attribute texts such as <c>[Flags()]</c>, in listing order.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>Modifiers, kind and name: <c>public sealed class Microsoft.Xrm.Sdk.DataCollection&lt;TKey, TValue&gt;</c>.</summary>
    public string Declaration { get; }

    /// <summary>What follows the colon: the base class (if not object) and the interfaces; for enums the underlying type.</summary>
    public IReadOnlyList<string> BaseTypes { get; }

    /// <summary>Generic constraints of the type (<c>where T : class</c>), or empty.</summary>
    public string Constraints { get; }

    /// <summary>Member lines without the indentation, e.g. <c>public virtual System.Guid Id { get; set; }</c>.</summary>
    public IReadOnlySet<string> Members { get; }

    /// <summary>Namespace, name and generic parameters: <c>Microsoft.Xrm.Sdk.DataCollection&lt;TKey, TValue&gt;</c>.</summary>
    public string FullName { get; }

    /// <summary>The name with the generic arity instead of the parameter names (<c>Microsoft.Xrm.Sdk.DataCollection`2</c>).</summary>
    public string Key { get; }

    public string Header
    {
        get
        {
            var text = new StringBuilder();
            foreach (var attribute in Attributes)
                text.Append(attribute);
            if (Attributes.Count > 0)
                text.Append(' ');
            text.Append(Declaration);
            if (BaseTypes.Count > 0)
                text.Append(" : ").AppendJoin(", ", BaseTypes);
            if (Constraints.Length > 0)
                text.Append(' ').Append(Constraints);
            return text.ToString();
        }
    }

    /// <summary>Splits a listing header line into its parts.</summary>
    public static SurfaceType ParseHeader(string line, IEnumerable<string> members)
    {
        var attributes = new List<string>();
        var position = 0;
        while (position < line.Length && line[position] == '[')
        {
            var end = MatchingBracket(line, position);
            attributes.Add(line[position..(end + 1)]);
            position = end + 1;
        }
        var rest = line[position..].TrimStart();

        var constraints = string.Empty;
        var whereAt = IndexAtTopLevel(rest, " where ");
        if (whereAt >= 0)
        {
            constraints = rest[(whereAt + 1)..];
            rest = rest[..whereAt];
        }

        var baseTypes = Array.Empty<string>();
        var colonAt = IndexAtTopLevel(rest, " : ");
        if (colonAt >= 0)
        {
            baseTypes = SplitTopLevel(rest[(colonAt + 3)..]).ToArray();
            rest = rest[..colonAt];
        }
        return new SurfaceType(attributes, rest, baseTypes, constraints, members);
    }

    /// <summary>The member's name as a person would search for it: method, property, field or enum member name; <c>this</c> for indexers.</summary>
    public static string MemberNameOf(string memberLine)
    {
        var line = memberLine;
        var whereAt = line.IndexOf("; where ", StringComparison.Ordinal);
        if (whereAt >= 0)
            line = line[..whereAt];
        int end;
        if (line.Contains("this[", StringComparison.Ordinal))
            return "this";
        var parenthesis = IndexAtTopLevel(line, "(");
        if (parenthesis >= 0)
            end = parenthesis;
        else if (line.Contains(" { ", StringComparison.Ordinal))
            end = line.IndexOf(" { ", StringComparison.Ordinal);
        else if (line.Contains(" = ", StringComparison.Ordinal))
            end = line.IndexOf(" = ", StringComparison.Ordinal);
        else
            end = line.TrimEnd(';').Length;
        var head = line[..end];
        var generic = head.IndexOf('<', head.LastIndexOf(' ') + 1);
        if (generic >= 0)
            head = head[..generic];
        return head[(head.LastIndexOf(' ') + 1)..];
    }

    public static string KeyOf(string fullName)
    {
        var open = fullName.IndexOf('<');
        return open < 0 ? fullName : fullName[..open] + "`" + SplitTopLevel(fullName[(open + 1)..^1]).Count();
    }

    private static string FullNameOf(string declaration)
    {
        foreach (var kind in Kinds)
        {
            var marker = " " + kind + " ";
            var at = declaration.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
                return declaration[(at + marker.Length)..];
        }
        throw new FormatException("No type kind (class, interface, enum, struct, delegate) in: " + declaration);
    }

    private static int MatchingBracket(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '[')
                depth++;
            else if (text[i] == ']' && --depth == 0)
                return i;
        }
        throw new FormatException("Unbalanced '[' in: " + text);
    }

    /// <summary>The first index of <paramref name="value"/> outside any &lt;&gt;, () or [] pair.</summary>
    public static int IndexAtTopLevel(string text, string value)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (depth == 0 && string.CompareOrdinal(text, i, value, 0, value.Length) == 0)
                return i;
            switch (text[i])
            {
                case '<' or '(' or '[':
                    depth++;
                    break;
                case '>' or ')' or ']':
                    depth--;
                    break;
            }
        }
        return -1;
    }

    /// <summary>Splits a comma-separated list at the commas that are not inside &lt;&gt;, () or [].</summary>
    public static IEnumerable<string> SplitTopLevel(string list)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '<' or '(' or '[':
                    depth++;
                    break;
                case '>' or ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return list[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }
        if (list.Length > 0)
            yield return list[start..].Trim();
    }
}
