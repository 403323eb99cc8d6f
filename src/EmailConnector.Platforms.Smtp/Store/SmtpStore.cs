using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EmailConnector.Platforms.Smtp.Store;

/// <summary>
/// The platform's database: lists, recipients keyed by CRM record, memberships, suppressions, mailings with their
/// links, per-recipient deliveries, the event table the reaction feeds read, and the inbound (bounce mailbox) log.
/// Plain ADO.NET over SQLite (one process) or PostgreSQL (several processes: deliveries are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> and event inserts are serialised so that sequence order is commit order).
/// </summary>
internal sealed partial class SmtpStore : IAsyncDisposable
{
    // Any constant: the advisory lock ids of the store (PostgreSQL only).
    private const long MigrationLockId = 0x534D_5450_0001;
    private const long EventLockId = 0x534D_5450_0002;

    private readonly string _sqliteConnectionString = string.Empty;
    private readonly NpgsqlDataSource? _dataSource;

    private SmtpStore(SqlDialect dialect, string? sqliteConnectionString, NpgsqlDataSource? dataSource)
    {
        Dialect = dialect;
        _sqliteConnectionString = sqliteConnectionString ?? string.Empty;
        _dataSource = dataSource;
    }

    public SqlDialect Dialect { get; }

    public static SmtpStore Create(SmtpPlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Store == StoreProvider.PostgreSql)
            return new SmtpStore(SqlDialect.PostgreSql, null, NpgsqlDataSource.Create(options.PostgreSqlConnectionString!));
        Directory.CreateDirectory(options.DataFolderPath);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.DataFolderPath, options.SqliteFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        };
        return new SmtpStore(SqlDialect.Sqlite, builder.ToString(), null);
    }

    /// <summary>Applies the schema steps not applied yet; safe when several processes start at once.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (!Dialect.IsPostgreSql)
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (Dialect.IsPostgreSql)
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockId});", cancellationToken);
        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at {Dialect.BigInt} NOT NULL);", cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken), CultureInfo.InvariantCulture);
        var applied = 0;
        foreach (var (version, sql) in Migrations.Steps.Where(s => s.Version > current).OrderBy(s => s.Version))
        {
            await ExecuteAsync(connection, transaction, Dialect.Expand(sql), cancellationToken);
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at);", cancellationToken,
                ("v", version), ("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            applied++;
        }
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The schema version in the database.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return Convert.ToInt32(await ScalarAsync(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>A setting, created with <paramref name="create"/> on first use; every process gets the first value stored.</summary>
    public Task<string> GetOrAddSettingAsync(string name, Func<string> create, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            await ExecuteAsync(c, t, "INSERT INTO settings (name, value) VALUES (@n, @v) ON CONFLICT (name) DO NOTHING;", cancellationToken,
                ("n", name), ("v", create()));
            return (string)(await ScalarAsync(c, t, "SELECT value FROM settings WHERE name = @n;", cancellationToken, ("n", name)))!;
        }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
            return _dataSource.DisposeAsync();
        return ValueTask.CompletedTask;
    }

    internal async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is not null)
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;", cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (SQLite: BEGIN IMMEDIATE, so writers queue up front).</summary>
    internal async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    internal async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection);
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    internal static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    internal static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>Serialises event inserts on PostgreSQL so that a reader never sees sequence numbers commit out of order.</summary>
    internal Task LockEventsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Dialect.IsPostgreSql
            ? ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({EventLockId});", cancellationToken)
            : Task.CompletedTask;

    internal static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    internal static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    internal static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    internal static long? NullableLong(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Long(reader, ordinal);

    internal static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    internal static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 } || exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
