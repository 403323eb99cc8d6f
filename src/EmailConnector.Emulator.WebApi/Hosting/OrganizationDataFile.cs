using System.Text;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Storage;

namespace EmailConnector.Emulator.WebApi.Hosting;

/// <summary>
/// Keeps an organization's rows in one file, so a locally run emulator keeps its data across restarts. The file holds
/// a store snapshot: per table its column names and rows, values tagged by type. Loading maps columns by name, so a
/// solution that gained or lost columns since the file was written still loads (new columns empty, dropped or retyped
/// ones left out). Writes go to a temporary file that then replaces the old one, so a crash leaves the last complete
/// file. Not a database: it suits the few thousand rows of a local run, not a production org.
/// </summary>
public sealed class OrganizationDataFile(EmulatedOrganization organization, string path)
{
    private const string Magic = "EmailConnector emulator data";
    private const int FormatVersion = 1;

    private readonly Lock _gate = new();
    private (long Version, long Rows)? _saved;

    /// <summary>The file's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Rows written by the last <see cref="Save"/> or read by <see cref="Load"/>.</summary>
    public long RowCount { get; private set; }

    /// <summary>Replaces the organization's rows with the file's; false (nothing changed) when there is no file.</summary>
    public bool Load()
    {
        if (!File.Exists(Path))
            return false;
        lock (_gate)
        {
            using var stream = File.OpenRead(Path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic)
                throw new InvalidDataException($"'{Path}' is not an emulator data file.");
            var format = reader.ReadInt32();
            if (format != FormatVersion)
                throw new InvalidDataException($"'{Path}' has data file format {format}; this emulator reads format {FormatVersion}.");
            var version = reader.ReadInt64();
            var tables = new Dictionary<string, Dictionary<Guid, object?[]>>(StringComparer.Ordinal);
            long count = 0;
            for (var t = reader.ReadInt32(); t > 0; t--)
            {
                var name = reader.ReadString();
                var columns = new string[reader.ReadInt32()];
                for (var c = 0; c < columns.Length; c++)
                    columns[c] = reader.ReadString();
                var table = organization.Store.HasTable(name) ? organization.Store.Table(name) : null;
                var slots = columns.Select(c => table?.SlotOf(c)).ToArray();
                var rows = new Dictionary<Guid, object?[]>();
                for (var r = reader.ReadInt32(); r > 0; r--)
                {
                    var id = new Guid(reader.ReadBytes(16));
                    var row = table is null ? null : new object?[table.SlotCount];
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var value = ReadValue(reader);
                        if (row is not null && slots[c] is { } slot && Fits(table!.ColumnAt(slot), value))
                            row[slot] = value;
                    }
                    if (row is not null)
                    {
                        row[table!.PrimaryIdSlot] = id;
                        rows[id] = row;
                    }
                }
                if (table is not null)
                {
                    tables[name] = rows;
                    count += rows.Count;
                }
            }
            organization.Restore(new StoreSnapshot(tables, version));
            _saved = (version, count);
            RowCount = count;
            return true;
        }
    }

    /// <summary>
    /// Writes the organization's rows when they changed since the last save or load (or always with
    /// <paramref name="force"/>); true when it wrote.
    /// </summary>
    public bool Save(bool force = false)
    {
        lock (_gate)
        {
            var snapshot = organization.Snapshot();
            var fingerprint = (snapshot.Version, snapshot.Rows.Values.Sum(r => (long)r.Count));
            if (!force && _saved == fingerprint)
                return false;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + ".tmp";
            using (var stream = File.Create(temporary))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(snapshot.Version);
                var tables = snapshot.Rows.Where(t => t.Value.Count > 0).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
                writer.Write(tables.Count);
                foreach (var (name, rows) in tables)
                {
                    var columns = organization.Store.Table(name).StoredColumns;
                    writer.Write(name);
                    writer.Write(columns.Count);
                    foreach (var column in columns)
                        writer.Write(column.LogicalName);
                    writer.Write(rows.Count);
                    foreach (var (id, row) in rows)
                    {
                        writer.Write(id.ToByteArray());
                        foreach (var value in row)
                            WriteValue(writer, value);
                    }
                }
            }
            File.Move(temporary, Path, overwrite: true);
            _saved = fingerprint;
            RowCount = fingerprint.Item2;
            return true;
        }
    }

    private enum Tag : byte
    {
        Null = 0,
        String = 1,
        Int32 = 2,
        Int64 = 3,
        Decimal = 4,
        Double = 5,
        Boolean = 6,
        DateTime = 7,
        Guid = 8,
        Int32Array = 9,
        Lookup = 10,
    }

    private static void WriteValue(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.Write((byte)Tag.Null); break;
            case string s: writer.Write((byte)Tag.String); writer.Write(s); break;
            case int i: writer.Write((byte)Tag.Int32); writer.Write(i); break;
            case long l: writer.Write((byte)Tag.Int64); writer.Write(l); break;
            case decimal d: writer.Write((byte)Tag.Decimal); writer.Write(d); break;
            case double d: writer.Write((byte)Tag.Double); writer.Write(d); break;
            case bool b: writer.Write((byte)Tag.Boolean); writer.Write(b); break;
            case DateTime t: writer.Write((byte)Tag.DateTime); writer.Write(t.ToUniversalTime().Ticks); break;
            case Guid g: writer.Write((byte)Tag.Guid); writer.Write(g.ToByteArray()); break;
            case int[] values:
                writer.Write((byte)Tag.Int32Array);
                writer.Write(values.Length);
                foreach (var v in values)
                    writer.Write(v);
                break;
            case LookupValue lookup: writer.Write((byte)Tag.Lookup); writer.Write(lookup.LogicalName); writer.Write(lookup.Id.ToByteArray()); break;
            default: throw new NotSupportedException($"A stored value of type {value.GetType().Name} cannot be written to the data file.");
        }
    }

    private static object? ReadValue(BinaryReader reader) => (Tag)reader.ReadByte() switch
    {
        Tag.Null => null,
        Tag.String => reader.ReadString(),
        Tag.Int32 => ValueConverter.Box(reader.ReadInt32()),
        Tag.Int64 => reader.ReadInt64(),
        Tag.Decimal => reader.ReadDecimal(),
        Tag.Double => reader.ReadDouble(),
        Tag.Boolean => reader.ReadBoolean(),
        Tag.DateTime => new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
        Tag.Guid => new Guid(reader.ReadBytes(16)),
        Tag.Int32Array => Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadInt32()).ToArray(),
        Tag.Lookup => new LookupValue(reader.ReadString(), new Guid(reader.ReadBytes(16))),
        var tag => throw new InvalidDataException($"Unknown value tag {(byte)tag} in the emulator data file."),
    };

    // Only values the column could hold now are loaded; anything else would break the store's typed reads.
    private static bool Fits(ColumnDefinition column, object? value) => value is null || column.Type switch
    {
        ColumnType.String or ColumnType.Memo or ColumnType.EntityName => value is string,
        ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => value is int,
        ColumnType.BigInt => value is long,
        ColumnType.Decimal or ColumnType.Money => value is decimal,
        ColumnType.Double => value is double,
        ColumnType.Boolean => value is bool,
        ColumnType.DateTime => value is DateTime,
        ColumnType.Uniqueidentifier => value is Guid,
        ColumnType.MultiSelectPicklist => value is int[],
        ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => value is LookupValue lookup && column.Targets.Contains(lookup.LogicalName),
        _ => false,
    };
}
