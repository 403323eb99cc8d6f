using System;

namespace EmailConnector.Schema;

/// <summary>
/// Marks a class whose public string constants are column logical names of the named table(s), as declared in
/// solution/EmailConnector; constants ending in <c>AlternateKey</c> name alternate keys of the table instead.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SchemaTableAttribute : Attribute
{
    public SchemaTableAttribute(params string[] tables)
    {
        Tables = tables;
    }

    public string[] Tables { get; }
}

/// <summary>Marks an enum whose members are the option values of a choice column or of a global choice of the solution.</summary>
[AttributeUsage(AttributeTargets.Enum, AllowMultiple = false)]
public sealed class SchemaOptionSetAttribute : Attribute
{
    /// <summary>A global choice (OptionSets/&lt;name&gt;.xml).</summary>
    public SchemaOptionSetAttribute(string globalName)
    {
        GlobalName = globalName;
    }

    /// <summary>The local choice of one column.</summary>
    public SchemaOptionSetAttribute(string table, string column)
    {
        Table = table;
        Column = column;
    }

    public string? GlobalName { get; }

    public string? Table { get; }

    public string? Column { get; }
}
