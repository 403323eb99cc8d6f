using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// A minimal JSON writer for ec_parameters and ListsJson: the sandbox has no System.Text.Json, and these documents are
/// small, flat and written in one go. Property order is the order of the calls, so output is deterministic.
/// </summary>
public sealed class JsonText
{
    private readonly StringBuilder _text = new StringBuilder();
    private readonly Stack<bool> _first = new Stack<bool>();

    public JsonText BeginObject(string? name = null) => Open(name, '{');

    public JsonText EndObject() => Close('}');

    public JsonText BeginArray(string? name = null) => Open(name, '[');

    public JsonText EndArray() => Close(']');

    public JsonText Property(string name, string? value)
    {
        Name(name);
        if (value is null)
            _text.Append("null");
        else
            AppendString(value);
        return this;
    }

    public JsonText Property(string name, int value)
    {
        Name(name);
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonText Property(string name, bool value)
    {
        Name(name);
        _text.Append(value ? "true" : "false");
        return this;
    }

    public JsonText Property(string name, Guid value) => Property(name, value.ToString("D"));

    public override string ToString() => _text.ToString();

    private JsonText Open(string? name, char bracket)
    {
        if (name is null)
            Separator();
        else
            Name(name);
        _text.Append(bracket);
        _first.Push(true);
        return this;
    }

    private JsonText Close(char bracket)
    {
        _first.Pop();
        _text.Append(bracket);
        return this;
    }

    private void Name(string name)
    {
        Separator();
        AppendString(name);
        _text.Append(':');
    }

    private void Separator()
    {
        if (_first.Count == 0)
            return;
        if (!_first.Peek())
            _text.Append(',');
        _first.Pop();
        _first.Push(false);
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        _text.Append(c);
                    break;
            }
        }
        _text.Append('"');
    }
}
