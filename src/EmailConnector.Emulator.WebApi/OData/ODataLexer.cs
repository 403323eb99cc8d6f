using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.OData;

internal enum TokenKind
{
    Identifier,
    String,
    Integer,
    Decimal,
    Guid,
    DateTime,
    Date,
    OpenParen,
    CloseParen,
    Comma,
    OpenBracket,
    CloseBracket,
    Equals,
    Slash,
    Colon,
    End,
}

internal sealed record Token(TokenKind Kind, string Text, object? Value, int Position)
{
    public bool Is(string identifier) => Kind == TokenKind.Identifier && Text == identifier;

    public override string ToString() => Kind == TokenKind.End ? "end of input" : $"'{Text}'";
}

/// <summary>Tokens of OData expressions ($filter, keys, function arguments), with typed literals.</summary>
internal static partial class ODataLexer
{
    [GeneratedRegex(@"\G[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z_])")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})(?![0-9A-Za-z_])")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(?![0-9A-Za-z_:])")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\G-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?(?![0-9A-Za-z_])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\G[A-Za-z_@$][A-Za-z0-9_.]*")]
    private static partial Regex IdentifierPattern();

    public static List<Token> Tokenize(string text, string what)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            switch (c)
            {
                case '(': tokens.Add(new(TokenKind.OpenParen, "(", null, i++)); continue;
                case ')': tokens.Add(new(TokenKind.CloseParen, ")", null, i++)); continue;
                case ',': tokens.Add(new(TokenKind.Comma, ",", null, i++)); continue;
                case '[': tokens.Add(new(TokenKind.OpenBracket, "[", null, i++)); continue;
                case ']': tokens.Add(new(TokenKind.CloseBracket, "]", null, i++)); continue;
                case '=': tokens.Add(new(TokenKind.Equals, "=", null, i++)); continue;
                case '/': tokens.Add(new(TokenKind.Slash, "/", null, i++)); continue;
                case ':': tokens.Add(new(TokenKind.Colon, ":", null, i++)); continue;
                case '\'':
                    tokens.Add(ReadString(text, ref i, what));
                    continue;
                default:
                    break;
            }
            tokens.Add(ReadWord(text, ref i, what));
        }
        tokens.Add(new(TokenKind.End, string.Empty, null, text.Length));
        return tokens;
    }

    private static Token ReadString(string text, ref int i, string what)
    {
        var start = i++;
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
                throw WebApiErrors.Malformed($"Syntax error at position {start} in '{text}': unterminated string literal in {what}.");
            var c = text[i++];
            if (c == '\'')
            {
                if (i < text.Length && text[i] == '\'')
                {
                    value.Append('\'');
                    i++;
                    continue;
                }
                return new Token(TokenKind.String, text[start..i], value.ToString(), start);
            }
            value.Append(c);
        }
    }

    private static Token ReadWord(string text, ref int i, string what)
    {
        var start = i;
        if (GuidPattern().Match(text, i) is { Success: true } guid)
        {
            i += guid.Length;
            return new Token(TokenKind.Guid, guid.Value, Guid.Parse(guid.Value), start);
        }
        if (DateTimePattern().Match(text, i) is { Success: true } dateTime)
        {
            i += dateTime.Length;
            if (!DateTimeOffset.TryParse(dateTime.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                throw WebApiErrors.Malformed($"Syntax error at position {start} in '{text}': '{dateTime.Value}' is not a valid Edm.DateTimeOffset.");
            return new Token(TokenKind.DateTime, dateTime.Value, parsed.UtcDateTime, start);
        }
        if (DatePattern().Match(text, i) is { Success: true } date)
        {
            i += date.Length;
            if (!DateTime.TryParseExact(date.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw WebApiErrors.Malformed($"Syntax error at position {start} in '{text}': '{date.Value}' is not a valid Edm.Date.");
            return new Token(TokenKind.Date, date.Value, DateTime.SpecifyKind(day, DateTimeKind.Utc), start);
        }
        if (NumberPattern().Match(text, i) is { Success: true } number)
        {
            i += number.Length;
            return Number(number.Value, start, text);
        }
        if (IdentifierPattern().Match(text, i) is { Success: true } identifier)
        {
            i += identifier.Length;
            return new Token(TokenKind.Identifier, identifier.Value, null, start);
        }
        throw WebApiErrors.Malformed($"Syntax error: character '{text[i]}' is not valid at position {i} in '{text}' ({what}).");
    }

    private static Token Number(string text, int start, string source)
    {
        var body = text.TrimEnd('m', 'M', 'd', 'D', 'f', 'F', 'l', 'L');
        var isDecimal = body.Contains('.', StringComparison.Ordinal) || body.Contains('e', StringComparison.OrdinalIgnoreCase) || body.Length != text.Length;
        if (!isDecimal)
        {
            if (long.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                return new Token(TokenKind.Integer, text, whole, start);
            throw WebApiErrors.Malformed($"Syntax error at position {start} in '{source}': '{text}' is out of range.");
        }
        if (decimal.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return new Token(TokenKind.Decimal, text, value, start);
        if (double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            return new Token(TokenKind.Decimal, text, (decimal)Math.Clamp(real, (double)decimal.MinValue, (double)decimal.MaxValue), start);
        throw WebApiErrors.Malformed($"Syntax error at position {start} in '{source}': '{text}' is not a valid number.");
    }
}
