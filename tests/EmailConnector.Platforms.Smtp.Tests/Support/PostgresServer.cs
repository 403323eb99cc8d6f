using Npgsql;

namespace EmailConnector.Platforms.Smtp.Tests.Support;

/// <summary>
/// A private PostgreSQL cluster for the tests: initdb into a temp folder, 127.0.0.1 and an ephemeral port only,
/// stopped and removed at the end. One per test class (xunit class fixture); each test gets its own database.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string? _folder;
    private int _databases;

    public PostgresServer()
    {
        Missing = !File.Exists(Path.Combine(Bin, "initdb")) ? "PostgreSQL is not installed (apt-get install postgresql; CI's .ci/run installs it)."
            : MailServers.Run("/usr/bin/id", "-u", "postgres").ExitCode != 0 ? "The postgres system user is missing." : null;
        if (Missing is not null)
            return;
        _folder = MailServers.NewFolder("postgres");
        Port = MailServers.FreePort();
        MailServers.Run("/bin/chown", "postgres:postgres", _folder);
        // initdb and postgres refuse to run as root: run them as the postgres user.
        var init = MailServers.Run("/usr/sbin/runuser", "-u", "postgres", "--", Path.Combine(Bin, "initdb"), "-D", Path.Combine(_folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8");
        if (init.ExitCode != 0)
        {
            Missing = "initdb failed: " + init.Output;
            return;
        }
        var start = MailServers.RunDaemon("/usr/sbin/runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "log"), "-w",
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c fsync=off", "start");
        if (start != 0)
            Missing = "PostgreSQL did not start; see " + Path.Combine(_folder, "log");
    }

    /// <summary>Why the server is not there; null when it runs.</summary>
    public string? Missing { get; }

    public int Port { get; }

    /// <summary>A fresh, empty database; its connection string.</summary>
    public string NewDatabase()
    {
        var name = $"ec_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20";

    public void Dispose()
    {
        if (_folder is null)
            return;
        NpgsqlConnection.ClearAllPools();
        MailServers.RunDaemon("/usr/sbin/runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The server may still be exiting; the temp folder is left behind.
        }
    }
}
