using System.Text;

namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>One path segment: a name and, when it has parentheses, the raw text inside them.</summary>
internal sealed record PathSegment(string Name, string? Arguments)
{
    public bool HasParentheses => Arguments is not null;

    public override string ToString() => Arguments is null ? Name : $"{Name}({Arguments})";
}

/// <summary>Splits a resource path on '/' outside parentheses and quotes: <c>contacts(emailaddress1='a/b')/x</c>.</summary>
internal static class ODataPath
{
    public static IReadOnlyList<PathSegment> Parse(string path)
    {
        var segments = new List<PathSegment>();
        var name = new StringBuilder();
        StringBuilder? args = null;
        var depth = 0;
        var inQuote = false;
        var closed = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (inQuote)
            {
                args!.Append(c);
                if (c == '\'')
                {
                    if (i + 1 < path.Length && path[i + 1] == '\'')
                    {
                        args.Append('\'');
                        i++;
                    }
                    else
                    {
                        inQuote = false;
                    }
                }
                continue;
            }
            switch (c)
            {
                case '\'' when depth > 0:
                    inQuote = true;
                    args!.Append(c);
                    break;
                case '(':
                    if (closed && depth == 0)
                        throw WebApiErrors.Malformed($"Bad Request - Error in query syntax: unexpected '(' after '{name}(…)'.");
                    if (depth++ == 0)
                        args = new StringBuilder();
                    else
                        args!.Append(c);
                    break;
                case ')':
                    if (depth == 0)
                        throw WebApiErrors.Malformed("Bad Request - Error in query syntax: unbalanced ')'.");
                    if (--depth == 0)
                        closed = true;
                    else
                        args!.Append(c);
                    break;
                case '/' when depth == 0:
                    Add(segments, name, args, path);
                    name.Clear();
                    args = null;
                    closed = false;
                    break;
                default:
                    if (depth > 0)
                        args!.Append(c);
                    else if (closed)
                        throw WebApiErrors.Malformed($"Bad Request - Error in query syntax: unexpected '{c}' after ')'.");
                    else
                        name.Append(c);
                    break;
            }
        }
        if (inQuote || depth != 0)
            throw WebApiErrors.Malformed("Bad Request - Error in query syntax: unterminated parentheses or quote in the resource path.");
        if (name.Length > 0 || args is not null)
            Add(segments, name, args, path);
        return segments;
    }

    private static void Add(List<PathSegment> segments, StringBuilder name, StringBuilder? args, string path)
    {
        if (name.Length == 0)
            throw WebApiErrors.Malformed($"Bad Request - Error in query syntax: empty segment in '{path}'.");
        segments.Add(new PathSegment(name.ToString(), args?.ToString()));
    }
}
