using System.Globalization;
using System.Text;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.OData;

/// <summary>
/// Parses $filter (dataverse.md §3.4) into the query engine's FilterNode: eq ne gt ge lt le, and/or/not with
/// parentheses, contains/startswith/endswith, null, typed literals, lookups as <c>_x_value</c>, and the
/// Microsoft.Dynamics.CRM query functions the engine has operators for. <c>not</c> is pushed down to the conditions
/// (De Morgan), since the engine's tree has and/or groups only; with SQL's null rules both forms select the same rows.
/// </summary>
internal sealed class FilterParser
{
    private const string FunctionPrefix = "Microsoft.Dynamics.CRM.";
    private readonly List<Token> _tokens;
    private readonly TableDefinition _table;
    private readonly string _text;
    private int _position;

    private FilterParser(string text, TableDefinition table)
    {
        _text = text;
        _table = table;
        _tokens = ODataLexer.Tokenize(text, "$filter");
    }

    private Token Current => Peek(0);

    private Token Peek(int offset) => _tokens[Math.Min(_position + offset, _tokens.Count - 1)];

    public static FilterNode Parse(string text, TableDefinition table)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw WebApiErrors.Malformed("The $filter expression is empty.");
        var parser = new FilterParser(text, table);
        var expression = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
            throw parser.Syntax($"unexpected {parser.Current}");
        var node = ToNode(expression, negate: false);
        if (node is FilterNode group)
            return group;
        var root = new FilterNode(FilterKind.And);
        root.Conditions.Add((ConditionNode)node);
        return root;
    }

    private abstract record Expr;

    private sealed record AndExpr(Expr Left, Expr Right) : Expr;

    private sealed record OrExpr(Expr Left, Expr Right) : Expr;

    private sealed record NotExpr(Expr Inner) : Expr;

    private sealed record Condition(string Column, QueryOperator Operator, object?[] Values) : Expr;

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.Is("or"))
        {
            _position++;
            left = new OrExpr(left, ParseAnd());
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseUnary();
        while (Current.Is("and"))
        {
            _position++;
            left = new AndExpr(left, ParseUnary());
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Current.Is("not"))
        {
            _position++;
            return new NotExpr(ParseUnary());
        }
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        if (Current.Kind == TokenKind.OpenParen)
        {
            _position++;
            var inner = ParseOr();
            Expect(TokenKind.CloseParen);
            return inner;
        }
        if (Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.OpenParen)
            return ParseFunction();
        var left = Current;
        _position++;
        if (left.Kind == TokenKind.Identifier && Peek(0).Kind == TokenKind.Slash)
            throw WebApiErrors.NotImplemented($"$filter on navigation property paths ('{left.Text}/…') and lambda operators");
        var op = Current;
        if (op.Kind != TokenKind.Identifier || Comparison(op.Text) is not { } comparison)
            throw Syntax($"expected a comparison operator (eq, ne, gt, ge, lt, le) after {left}, found {op}");
        _position++;
        var right = Current;
        _position++;
        if (IsProperty(left))
            return Compare(left, comparison, right);
        if (IsProperty(right))
            return Compare(right, Flip(comparison), left);
        throw Syntax($"a comparison needs a property on one side ({left} {op.Text} {right})");
    }

    private Expr Compare(Token property, QueryOperator op, Token literal)
    {
        var column = Column(property.Text);
        if (literal.Is("null"))
        {
            return op switch
            {
                QueryOperator.Equal => new Condition(column.LogicalName, QueryOperator.Null, []),
                QueryOperator.NotEqual => new Condition(column.LogicalName, QueryOperator.NotNull, []),
                _ => throw Syntax($"the operator '{op}' cannot compare with null"),
            };
        }
        return new Condition(column.LogicalName, op, [Literal(column, literal, op)]);
    }

    private Expr ParseFunction()
    {
        var name = Current.Text;
        _position += 2;
        if (name is "contains" or "startswith" or "endswith")
        {
            var property = Current;
            if (!IsProperty(property))
                throw Syntax($"the first argument of {name} must be a property, not {property}");
            _position++;
            Expect(TokenKind.Comma);
            var literal = Current;
            if (literal.Kind != TokenKind.String)
                throw Syntax($"the second argument of {name} must be a string literal, not {literal}");
            _position++;
            Expect(TokenKind.CloseParen);
            var column = Column(property.Text);
            if (EdmTypes.Of(column) != "Edm.String" || column.Type == ColumnType.MultiSelectPicklist)
                throw WebApiErrors.Malformed($"The function '{name}' needs a string property; '{property.Text}' is {EdmTypes.Of(column)}.");
            var text = (string)literal.Value!;
            Expr condition = name switch
            {
                "contains" => new Condition(column.LogicalName, QueryOperator.Like, ["%" + EscapeLike(text) + "%"]),
                "startswith" => new Condition(column.LogicalName, QueryOperator.BeginsWith, [text]),
                _ => new Condition(column.LogicalName, QueryOperator.EndsWith, [text]),
            };
            return TrailingBoolean(condition);
        }
        if (name.StartsWith(FunctionPrefix, StringComparison.Ordinal))
            return ParseQueryFunction(name[FunctionPrefix.Length..]);
        throw WebApiErrors.NotImplemented($"the $filter function '{name}'");
    }

    // Dataverse query functions: Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=['1','2']) and friends.
    private Expr ParseQueryFunction(string name)
    {
        if (!Enum.TryParse<QueryOperator>(name, ignoreCase: false, out var op) || op is QueryOperator.Equal or QueryOperator.NotEqual
            or QueryOperator.GreaterThan or QueryOperator.GreaterEqual or QueryOperator.LessThan or QueryOperator.LessEqual
            or QueryOperator.Like or QueryOperator.NotLike or QueryOperator.BeginsWith or QueryOperator.DoesNotBeginWith
            or QueryOperator.EndsWith or QueryOperator.DoesNotEndWith)
        {
            throw WebApiErrors.NotImplemented($"the query function 'Microsoft.Dynamics.CRM.{name}'");
        }
        string? propertyName = null;
        var values = new List<Token>();
        var sawValues = false;
        while (Current.Kind != TokenKind.CloseParen)
        {
            if (Current.Kind != TokenKind.Identifier || Peek(1).Kind != TokenKind.Equals)
                throw Syntax($"expected a named argument in Microsoft.Dynamics.CRM.{name}, found {Current}");
            var argument = Current.Text;
            _position += 2;
            switch (argument)
            {
                case "PropertyName":
                    if (Current.Kind != TokenKind.String)
                        throw Syntax("PropertyName must be a string literal");
                    propertyName = (string)Current.Value!;
                    _position++;
                    break;
                case "PropertyValue":
                    values.Add(Current);
                    sawValues = true;
                    _position++;
                    break;
                case "PropertyValues":
                    Expect(TokenKind.OpenBracket);
                    while (Current.Kind != TokenKind.CloseBracket)
                    {
                        values.Add(Current);
                        _position++;
                        if (Current.Kind == TokenKind.Comma)
                            _position++;
                        else if (Current.Kind != TokenKind.CloseBracket)
                            throw Syntax($"expected ',' or ']' in PropertyValues, found {Current}");
                    }
                    _position++;
                    sawValues = true;
                    break;
                default:
                    throw Syntax($"Microsoft.Dynamics.CRM.{name} has no parameter '{argument}'");
            }
            if (Current.Kind == TokenKind.Comma)
                _position++;
        }
        _position++;
        if (propertyName is null)
            throw Syntax($"Microsoft.Dynamics.CRM.{name} needs PropertyName");
        var column = Column(propertyName);
        if (op is QueryOperator.In or QueryOperator.NotIn or QueryOperator.Between or QueryOperator.NotBetween && !sawValues)
            throw Syntax($"Microsoft.Dynamics.CRM.{name} needs PropertyValues");
        var converted = values.Select(v => v.Kind == TokenKind.String ? FromText(column, (string)v.Value!) : Literal(column, v, op)).ToArray();
        return TrailingBoolean(new Condition(column.LogicalName, op, converted));
    }

    // "contains(name,'x') eq true" is how some clients write it.
    private Expr TrailingBoolean(Expr condition)
    {
        if (!(Current.Is("eq") || Current.Is("ne")) || !(Peek(1).Is("true") || Peek(1).Is("false")))
            return condition;
        var negate = Current.Is("eq") != Peek(1).Is("true");
        _position += 2;
        return negate ? new NotExpr(condition) : condition;
    }

    private static object ToNode(Expr expression, bool negate)
    {
        switch (expression)
        {
            case NotExpr not:
                return ToNode(not.Inner, !negate);
            case AndExpr and:
                return Group(negate ? FilterKind.Or : FilterKind.And, ToNode(and.Left, negate), ToNode(and.Right, negate));
            case OrExpr or:
                return Group(negate ? FilterKind.And : FilterKind.Or, ToNode(or.Left, negate), ToNode(or.Right, negate));
            case Condition condition:
                return new ConditionNode(condition.Column, negate ? Negate(condition.Operator) : condition.Operator, condition.Values);
            default:
                throw new InvalidOperationException("Unknown filter expression.");
        }
    }

    private static FilterNode Group(FilterKind kind, object left, object right)
    {
        var group = new FilterNode(kind);
        foreach (var part in new[] { left, right })
        {
            switch (part)
            {
                case ConditionNode condition:
                    group.Conditions.Add(condition);
                    break;
                case FilterNode child when child.Kind == kind:
                    group.Conditions.AddRange(child.Conditions);
                    group.Filters.AddRange(child.Filters);
                    break;
                case FilterNode child:
                    group.Filters.Add(child);
                    break;
                default:
                    break;
            }
        }
        return group;
    }

    private static QueryOperator Negate(QueryOperator op) => op switch
    {
        QueryOperator.Equal => QueryOperator.NotEqual,
        QueryOperator.NotEqual => QueryOperator.Equal,
        QueryOperator.GreaterThan => QueryOperator.LessEqual,
        QueryOperator.GreaterEqual => QueryOperator.LessThan,
        QueryOperator.LessThan => QueryOperator.GreaterEqual,
        QueryOperator.LessEqual => QueryOperator.GreaterThan,
        QueryOperator.Like => QueryOperator.NotLike,
        QueryOperator.NotLike => QueryOperator.Like,
        QueryOperator.BeginsWith => QueryOperator.DoesNotBeginWith,
        QueryOperator.DoesNotBeginWith => QueryOperator.BeginsWith,
        QueryOperator.EndsWith => QueryOperator.DoesNotEndWith,
        QueryOperator.DoesNotEndWith => QueryOperator.EndsWith,
        QueryOperator.In => QueryOperator.NotIn,
        QueryOperator.NotIn => QueryOperator.In,
        QueryOperator.Between => QueryOperator.NotBetween,
        QueryOperator.NotBetween => QueryOperator.Between,
        QueryOperator.Null => QueryOperator.NotNull,
        QueryOperator.NotNull => QueryOperator.Null,
        QueryOperator.On => QueryOperator.NotOn,
        QueryOperator.NotOn => QueryOperator.On,
        _ => throw WebApiErrors.NotImplemented($"'not' applied to Microsoft.Dynamics.CRM.{op}"),
    };

    private static QueryOperator? Comparison(string text) => text switch
    {
        "eq" => QueryOperator.Equal,
        "ne" => QueryOperator.NotEqual,
        "gt" => QueryOperator.GreaterThan,
        "ge" => QueryOperator.GreaterEqual,
        "lt" => QueryOperator.LessThan,
        "le" => QueryOperator.LessEqual,
        _ => null,
    };

    private static QueryOperator Flip(QueryOperator op) => op switch
    {
        QueryOperator.GreaterThan => QueryOperator.LessThan,
        QueryOperator.GreaterEqual => QueryOperator.LessEqual,
        QueryOperator.LessThan => QueryOperator.GreaterThan,
        QueryOperator.LessEqual => QueryOperator.GreaterEqual,
        _ => op,
    };

    private static bool IsProperty(Token token) =>
        token.Kind == TokenKind.Identifier && token.Text is not ("null" or "true" or "false") && !token.Text.StartsWith('@');

    private ColumnDefinition Column(string name) => QueryOptions.ResolveProperty(_table, name);

    private object Literal(ColumnDefinition column, Token literal, QueryOperator op)
    {
        var edm = EdmTypes.Of(column);
        object? value = (column.Type, literal.Kind) switch
        {
            (ColumnType.String or ColumnType.Memo or ColumnType.EntityName, TokenKind.String) => literal.Value,
            (ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status, TokenKind.Integer)
                when (long)literal.Value! is >= int.MinValue and <= int.MaxValue => (int)(long)literal.Value!,
            (ColumnType.BigInt, TokenKind.Integer) => literal.Value,
            (ColumnType.Decimal or ColumnType.Money, TokenKind.Integer or TokenKind.Decimal) =>
                Convert.ToDecimal(literal.Value, CultureInfo.InvariantCulture),
            (ColumnType.Double, TokenKind.Integer or TokenKind.Decimal) => Convert.ToDouble(literal.Value, CultureInfo.InvariantCulture),
            (ColumnType.Boolean, TokenKind.Identifier) when literal.Text is "true" or "false" => literal.Text == "true",
            (ColumnType.DateTime, TokenKind.DateTime or TokenKind.Date) => literal.Value,
            (ColumnType.Uniqueidentifier or ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner, TokenKind.Guid) => literal.Value,
            (ColumnType.MultiSelectPicklist, _) => throw WebApiErrors.NotImplemented("conditions on multi-select choice columns"),
            (_, TokenKind.Integer) when op is QueryOperator.LastXDays or QueryOperator.NextXDays or QueryOperator.LastXHours
                or QueryOperator.NextXHours or QueryOperator.LastXWeeks or QueryOperator.NextXWeeks or QueryOperator.LastXMonths
                or QueryOperator.NextXMonths or QueryOperator.LastXYears or QueryOperator.NextXYears or QueryOperator.OlderThanXMinutes
                or QueryOperator.OlderThanXHours or QueryOperator.OlderThanXDays or QueryOperator.OlderThanXWeeks
                or QueryOperator.OlderThanXMonths or QueryOperator.OlderThanXYears => (int)(long)literal.Value!,
            _ => null,
        };
        if (value is not null)
            return value;
        if (literal.Kind is TokenKind.End or TokenKind.CloseParen or TokenKind.Comma or TokenKind.OpenParen)
            throw Syntax($"expected a literal, found {literal}");
        throw WebApiErrors.Malformed(
            $"A binary operator with incompatible types was detected. Found operand types '{edm}' and '{LiteralType(literal)}' for operator kind '{op}'.");
    }

    // Query-function values are strings ('1', '2024-01-01') converted by the property's type.
    private static object FromText(ColumnDefinition column, string text)
    {
        try
        {
            return column.Type switch
            {
                ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => int.Parse(text, CultureInfo.InvariantCulture),
                ColumnType.BigInt => long.Parse(text, CultureInfo.InvariantCulture),
                ColumnType.Decimal or ColumnType.Money => decimal.Parse(text, CultureInfo.InvariantCulture),
                ColumnType.Double => double.Parse(text, CultureInfo.InvariantCulture),
                ColumnType.Boolean => bool.Parse(text),
                ColumnType.DateTime => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime,
                ColumnType.Uniqueidentifier or ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => Guid.Parse(text),
                _ => text,
            };
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            throw WebApiErrors.Malformed($"The value '{text}' is not valid for the property '{column.LogicalName}' of type '{EdmTypes.Of(column)}'.");
        }
    }

    private static string LiteralType(Token literal) => literal.Kind switch
    {
        TokenKind.String => "Edm.String",
        TokenKind.Integer => "Edm.Int32",
        TokenKind.Decimal => "Edm.Decimal",
        TokenKind.Guid => "Edm.Guid",
        TokenKind.DateTime => "Edm.DateTimeOffset",
        TokenKind.Date => "Edm.Date",
        TokenKind.Identifier when literal.Text is "true" or "false" => "Edm.Boolean",
        _ => literal.Text,
    };

    private static string EscapeLike(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '%' or '_' or '[')
                escaped.Append('[').Append(c).Append(']');
            else
                escaped.Append(c);
        }
        return escaped.ToString();
    }

    private void Expect(TokenKind kind)
    {
        if (Current.Kind != kind)
            throw Syntax($"expected '{KindText(kind)}', found {Current}");
        _position++;
    }

    private static string KindText(TokenKind kind) => kind switch
    {
        TokenKind.CloseParen => ")",
        TokenKind.OpenParen => "(",
        TokenKind.Comma => ",",
        TokenKind.OpenBracket => "[",
        TokenKind.CloseBracket => "]",
        _ => kind.ToString(),
    };

    private WebApiException Syntax(string detail) =>
        WebApiErrors.Malformed($"Syntax error at position {Current.Position} in '{_text}': {detail}.");
}
