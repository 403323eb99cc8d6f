using System.Reflection;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Smtp.Store;
using EmailConnector.Platforms.Smtp.Tests.Support;
using EmailConnector.Testing;
using EmailConnector.Testing.Platforms;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Smtp.Tests.Store;

/// <summary>
/// The store on a real PostgreSQL started by the test (initdb into a temp folder, 127.0.0.1, ephemeral port):
/// the whole contract suite, migrations, and delivery claims by concurrent workers. Skipped when PostgreSQL is absent.
/// </summary>
public sealed class SmtpStorePostgreSqlTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task ContractSuite_OnPostgreSql_EveryTestPasses()
    {
        Skip.If(server.Missing is not null, server.Missing);
        var tests = typeof(EmailPlatformContractTests).GetMethods()
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var failures = new List<string>();

        foreach (var test in tests)
        {
            var suite = new PostgreSqlContract(server);
            try
            {
                await (Task)test.Invoke(suite, null)!;
            }
            catch (SkipException)
            {
                // A test of a feature the platform lacks; it skips on SQLite too.
            }
            catch (Exception e)
            {
                failures.Add($"{test.Name}: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                await suite.DisposeAsync();
            }
        }

        Assert.True(tests.Count >= 20, "The contract suite was not found.");
        Assert.Empty(failures);
    }

    [SkippableFact]
    public async Task Migrate_TwiceOnOneDatabase_AppliesTheStepsOnce()
    {
        Skip.If(server.Missing is not null, server.Missing);
        var options = new SmtpPlatformOptions { Store = StoreProvider.PostgreSql, PostgreSqlConnectionString = server.NewDatabase() };
        await using var first = SmtpStore.Create(options);
        await using var second = SmtpStore.Create(options);

        var applied = await Task.WhenAll(first.MigrateAsync(CancellationToken.None), second.MigrateAsync(CancellationToken.None));

        Assert.Equal(Migrations.Steps.Count, applied.Sum());
        Assert.Equal(Migrations.Steps.Max(s => s.Version), await first.GetSchemaVersionAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task ClaimDueDeliveries_SeveralWorkersAtOnce_NeverClaimTheSameDelivery()
    {
        Skip.If(server.Missing is not null, server.Missing);
        await using var host = await SmtpTestHost.StartAsync(_time, o =>
        {
            o.Store = StoreProvider.PostgreSql;
            o.PostgreSqlConnectionString = server.NewDatabase();
        });
        var store = host.Runtime.Store;
        await host.Runtime.ReadyAsync(CancellationToken.None);
        var list = await host.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        for (var i = 0; i < 3; i++)
            await host.Platform.ImportRecipientsAsync(list.Id, Some.Recipients(200), CancellationToken.None);
        var start = _time.GetUtcNow();
        await host.Platform.SendMailingAsync(new MailingRequest(Some.String("mailing"), list.Id, "s", "news@example.com", null, null, "<p>x</p>", SendAt: start.AddHours(1)), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2));
        await store.StartDueMailingsAsync(_time.GetUtcNow(), CancellationToken.None);

        var now = _time.GetUtcNow();
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(w =>
            store.ClaimDueDeliveriesAsync($"worker-{w}", now, now.AddMinutes(10), 150, null, CancellationToken.None)));

        var all = claims.SelectMany(c => c.Select(d => d.DeliveryId)).ToList();
        Assert.Equal(600, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    /// <summary>The contract suite on a fresh PostgreSQL database per platform (internal: xunit runs it only through the test above).</summary>
    internal sealed class PostgreSqlContract(PostgresServer server) : EmailPlatformContractTests, IAsyncDisposable
    {
        private readonly List<SmtpTestHost> _hosts = [];

        protected override async Task<PlatformUnderTest> CreatePlatformAsync()
        {
            var database = server.NewDatabase();
            var host = await SmtpTestHost.StartAsync(Time, o =>
            {
                o.Store = StoreProvider.PostgreSql;
                o.PostgreSqlConnectionString = database;
            });
            _hosts.Add(host);
            return new PlatformUnderTest(host.Platform, new SmtpReactionScript(host));
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var host in _hosts)
                await host.DisposeAsync();
        }
    }
}
