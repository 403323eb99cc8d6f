using EmailConnector.Emulator.Metadata;
using System.Text;
using System.Text.RegularExpressions;

namespace EmailConnector.Emulator.Query;

/// <summary>
/// Turns one condition into a predicate, following SQL semantics as Dataverse does: every comparison with a null
/// column value is false, so only Null/NotNull match missing values. Relative-date operators read the injected clock
/// once, when the query is compiled; dates are compared in UTC (the emulator has no user time zone).
/// </summary>
internal sealed class ConditionCompiler
{
    private readonly TimeProvider _clock;

    public ConditionCompiler(TimeProvider clock) => _clock = clock;

    public RowPredicate Compile(ConditionNode condition, int slot, IQueryTable table)
    {
        var column = condition.Attribute;
        var type = table.GetColumnType(column);
        var values = QueryValues.Flatten(condition.Values).ToList();
        var name = table.LogicalName;

        object? Single()
        {
            if (values.Count != 1)
            {
                throw QueryErrors.InvalidQuery(
                    $"Condition for attribute '{name}.{column}': operator {condition.Operator} needs exactly one value.");
            }

            return QueryValues.Coerce(values[0], type, name, column);
        }

        int Count() => values.Count == 1
            ? QueryValues.CoerceCount(values[0], name, column)
            : throw QueryErrors.InvalidQuery(
                $"Condition for attribute '{name}.{column}': operator {condition.Operator} needs exactly one value.");

        RowPredicate Test(Func<object, bool> test) => tuple =>
            QueryValues.Scalar(tuple[slot]?.GetScalar(column)) is { } value && test(value);

        switch (condition.Operator)
        {
            case QueryOperator.Null:
                NoValues(condition, values, name);
                return tuple => tuple[slot]?.GetScalar(column) is null;
            case QueryOperator.NotNull:
                NoValues(condition, values, name);
                return tuple => tuple[slot]?.GetScalar(column) is not null;
            case QueryOperator.Equal:
            {
                var expected = Single();
                return Test(v => QueryValues.AreEqual(v, expected));
            }

            case QueryOperator.NotEqual:
            {
                var expected = Single();
                return Test(v => expected is not null && !QueryValues.AreEqual(v, expected));
            }

            case QueryOperator.GreaterThan:
            case QueryOperator.GreaterEqual:
            case QueryOperator.LessThan:
            case QueryOperator.LessEqual:
            {
                var expected = Single();
                var op = condition.Operator;
                return Test(v => expected is not null && Holds(op, QueryValues.Compare(v, expected)));
            }

            case QueryOperator.In:
            case QueryOperator.NotIn:
            {
                if (values.Count == 0)
                {
                    throw QueryErrors.InvalidQuery($"Condition for attribute '{name}.{column}': operator In needs values.");
                }

                var set = new HashSet<object>(
                    values.Select(v => QueryValues.Coerce(v, type, name, column)).OfType<object>(),
                    QueryValues.KeyComparer);
                var negate = condition.Operator == QueryOperator.NotIn;
                return Test(v => set.Contains(v) != negate);
            }

            case QueryOperator.Between:
            case QueryOperator.NotBetween:
            {
                if (values.Count != 2)
                {
                    throw QueryErrors.InvalidQuery(
                        $"Condition for attribute '{name}.{column}': operator Between needs exactly two values.");
                }

                var low = QueryValues.Coerce(values[0], type, name, column);
                var high = QueryValues.Coerce(values[1], type, name, column);
                var negate = condition.Operator == QueryOperator.NotBetween;
                return Test(v => (QueryValues.Compare(v, low) >= 0 && QueryValues.Compare(v, high) <= 0) != negate);
            }

            case QueryOperator.Like:
            case QueryOperator.NotLike:
            case QueryOperator.BeginsWith:
            case QueryOperator.DoesNotBeginWith:
            case QueryOperator.EndsWith:
            case QueryOperator.DoesNotEndWith:
                return CompileText(condition.Operator, Text(Single(), type, name, column), Test);
            default:
                return CompileDate(condition.Operator, type, name, column, Single, Count, Test, values);
        }
    }

    private static void NoValues(ConditionNode condition, List<object?> values, string table)
    {
        if (values.Count > 0)
        {
            throw QueryErrors.InvalidQuery(
                $"Condition for attribute '{table}.{condition.Attribute}': operator {condition.Operator} takes no value.");
        }
    }

    private static bool Holds(QueryOperator op, int comparison) => op switch
    {
        QueryOperator.GreaterThan => comparison > 0,
        QueryOperator.GreaterEqual => comparison >= 0,
        QueryOperator.LessThan => comparison < 0,
        _ => comparison <= 0,
    };

    private static string Text(object? value, ColumnType type, string table, string column) =>
        QueryValues.IsText(type) && value is string text
            ? text
            : throw QueryErrors.InvalidQuery(
                $"Condition for attribute '{table}.{column}': text operators apply to string columns only.");

    private static RowPredicate CompileText(QueryOperator op, string operand, Func<Func<object, bool>, RowPredicate> test)
    {
        switch (op)
        {
            case QueryOperator.BeginsWith:
                return test(v => ((string)v).StartsWith(operand, StringComparison.OrdinalIgnoreCase));
            case QueryOperator.DoesNotBeginWith:
                return test(v => !((string)v).StartsWith(operand, StringComparison.OrdinalIgnoreCase));
            case QueryOperator.EndsWith:
                return test(v => ((string)v).EndsWith(operand, StringComparison.OrdinalIgnoreCase));
            case QueryOperator.DoesNotEndWith:
                return test(v => !((string)v).EndsWith(operand, StringComparison.OrdinalIgnoreCase));
            default:
                var regex = LikePattern(operand);
                var negate = op == QueryOperator.NotLike;
                return test(v => regex.IsMatch((string)v) != negate);
        }
    }

    /// <summary>SQL LIKE: % any run, _ one character, [set] and [^set] character classes; case-insensitive.</summary>
    internal static Regex LikePattern(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '%':
                    regex.Append(".*");
                    break;
                case '_':
                    regex.Append('.');
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var set = pattern[(i + 1)..close];
                    regex.Append('[');
                    if (set.StartsWith('^'))
                    {
                        regex.Append('^');
                        set = set[1..];
                    }

                    regex.Append(set.Replace(@"\", @"\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(
            regex.Append('$').ToString(),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private RowPredicate CompileDate(
        QueryOperator op,
        ColumnType type,
        string table,
        string column,
        Func<object?> single,
        Func<int> count,
        Func<Func<object, bool>, RowPredicate> test,
        List<object?> values)
    {
        if (!QueryValues.IsDate(type))
        {
            throw QueryErrors.InvalidQuery(
                $"Condition for attribute '{table}.{column}': operator {op} applies to date and time columns only.");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var month = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var year = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        RowPredicate Range(DateTime from, DateTime to, bool toInclusive) =>
            test(v => (DateTime)v >= from && (toInclusive ? (DateTime)v <= to : (DateTime)v < to));

        RowPredicate Before(DateTime limit) => test(v => (DateTime)v < limit);

        void NoValue()
        {
            if (values.Count > 0)
            {
                throw QueryErrors.InvalidQuery($"Condition for attribute '{table}.{column}': operator {op} takes no value.");
            }
        }

        switch (op)
        {
            case QueryOperator.On:
            case QueryOperator.NotOn:
            case QueryOperator.OnOrAfter:
            case QueryOperator.OnOrBefore:
            {
                var day = single() is DateTime date
                    ? date.Date
                    : throw QueryErrors.InvalidQuery($"Condition for attribute '{table}.{column}': a date is required.");
                return op switch
                {
                    QueryOperator.On => test(v => ((DateTime)v).Date == day),
                    QueryOperator.NotOn => test(v => ((DateTime)v).Date != day),
                    QueryOperator.OnOrAfter => test(v => ((DateTime)v).Date >= day),
                    _ => test(v => ((DateTime)v).Date <= day),
                };
            }

            case QueryOperator.Today:
                NoValue();
                return Range(today, today.AddDays(1), false);
            case QueryOperator.Yesterday:
                NoValue();
                return Range(today.AddDays(-1), today, false);
            case QueryOperator.Tomorrow:
                NoValue();
                return Range(today.AddDays(1), today.AddDays(2), false);
            case QueryOperator.Last7Days:
                NoValue();
                return Range(today.AddDays(-7), now, true);
            case QueryOperator.Next7Days:
                NoValue();
                return Range(now, today.AddDays(8), false);
            case QueryOperator.ThisMonth:
                NoValue();
                return Range(month, month.AddMonths(1), false);
            case QueryOperator.LastMonth:
                NoValue();
                return Range(month.AddMonths(-1), month, false);
            case QueryOperator.NextMonth:
                NoValue();
                return Range(month.AddMonths(1), month.AddMonths(2), false);
            case QueryOperator.ThisYear:
                NoValue();
                return Range(year, year.AddYears(1), false);
            case QueryOperator.LastYear:
                NoValue();
                return Range(year.AddYears(-1), year, false);
            case QueryOperator.NextYear:
                NoValue();
                return Range(year.AddYears(1), year.AddYears(2), false);
            case QueryOperator.LastXHours:
                return Range(now.AddHours(-count()), now, true);
            case QueryOperator.NextXHours:
                return Range(now, now.AddHours(count()), true);
            case QueryOperator.LastXDays:
                return Range(today.AddDays(-count()), now, true);
            case QueryOperator.NextXDays:
                return Range(now, today.AddDays(count() + 1), false);
            case QueryOperator.LastXWeeks:
                return Range(today.AddDays(-7 * count()), now, true);
            case QueryOperator.NextXWeeks:
                return Range(now, today.AddDays((7 * count()) + 1), false);
            case QueryOperator.LastXMonths:
                return Range(today.AddMonths(-count()), now, true);
            case QueryOperator.NextXMonths:
                return Range(now, today.AddMonths(count()).AddDays(1), false);
            case QueryOperator.LastXYears:
                return Range(today.AddYears(-count()), now, true);
            case QueryOperator.NextXYears:
                return Range(now, today.AddYears(count()).AddDays(1), false);
            case QueryOperator.OlderThanXMinutes:
                return Before(now.AddMinutes(-count()));
            case QueryOperator.OlderThanXHours:
                return Before(now.AddHours(-count()));
            case QueryOperator.OlderThanXDays:
                return Before(now.AddDays(-count()));
            case QueryOperator.OlderThanXWeeks:
                return Before(now.AddDays(-7 * count()));
            case QueryOperator.OlderThanXMonths:
                return Before(now.AddMonths(-count()));
            case QueryOperator.OlderThanXYears:
                return Before(now.AddYears(-count()));
            default:
                throw QueryErrors.Unsupported($"condition operator {op}");
        }
    }
}
