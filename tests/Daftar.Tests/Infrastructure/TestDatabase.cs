using Daftar.Data;
using Daftar.Web.Features.Demo;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Daftar.Tests.Infrastructure;

/// <summary>
/// Real databases for the tests. The suite runs on SQLite by default and on PostgreSQL when DAFTAR_TEST_DB=Postgres
/// (test.sh runs it both ways). A migrated, seeded template is made once per run; each factory gets a copy.
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("DAFTAR_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Server connection string for PostgreSQL tests (test.sh starts a throwaway cluster and sets it).</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("DAFTAR_TEST_PG")
        ?? throw new InvalidOperationException("DAFTAR_TEST_DB=Postgres needs DAFTAR_TEST_PG (a server connection string); ./test.sh sets both.");

    /// <summary>The master key every test installation uses (so the template's CA keys open in each copy).</summary>
    public static readonly string MasterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;
    private static readonly string RunId = $"{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
    private static int _counter;

    /// <summary>A fresh database holding the demo organisation; returns its connection string.</summary>
    public static async Task<string> CreateAsync(string dataPath)
    {
        var template = await TemplateAsync();
        var n = Interlocked.Increment(ref _counter);
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(dataPath, "daftar.db");
            File.Copy(template, file, overwrite: true);
            return $"Data Source={file};Pooling=False";
        }
        var name = $"daftar_t{RunId}_{n}";
        await ExecAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    /// <summary>An empty database with nothing in it, for tests of migration and seeding.</summary>
    public static async Task<string> CreateEmptyAsync(string dataPath)
    {
        var n = Interlocked.Increment(ref _counter);
        if (Provider == DatabaseProvider.Sqlite) return $"Data Source={Path.Combine(dataPath, $"empty{n}.db")};Pooling=False";
        var name = $"daftar_e{RunId}_{n}";
        await ExecAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    private static async Task<string> TemplateAsync()
    {
        if (_template is not null) return _template;
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            string connectionString, template;
            if (Provider == DatabaseProvider.Sqlite)
            {
                var dir = Directory.CreateTempSubdirectory("daftar-template-").FullName;
                template = Path.Combine(dir, "template.db");
                connectionString = $"Data Source={template};Pooling=False";
            }
            else
            {
                template = $"daftar_template_{RunId}";
                await DropLeftoversAsync();
                await ExecAsync($"CREATE DATABASE \"{template}\"");
                connectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = template, Pooling = false }.ConnectionString;
            }
            var settings = new DatabaseSettings(Provider, connectionString);
            var options = new DbContextOptionsBuilder<DaftarDb>();
            settings.Configure(options);
            await using (var db = new DaftarDb(options.Options))
            {
                await db.Database.MigrateAsync();
                var seeder = new DemoOrganisation(db, new PasswordHasher<Daftar.Accounts.Account>(), TimeProvider.System);
                await seeder.SeedAsync();
                // Daftar's CAs, made once for the run under the tests' fixed master key (generating RSA keys is slow).
                var signing = new Daftar.Web.Features.Signing.SigningSettings(new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Signing:MasterKey"] = MasterKey }).Build());
                await new Daftar.Web.Features.Signing.Pki(db, signing, TimeProvider.System, new Daftar.Web.Features.Signing.PkiKeyCache()).EnsureAsync(CancellationToken.None);
            }
            if (Provider == DatabaseProvider.Sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return _template = template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>
    /// Drops the databases of earlier runs whose test process has ended. A throwaway cluster (test.sh) never has any; a
    /// developer's own server kept every one of them (about fifty a run, 40 MB each) until its disk filled.
    /// </summary>
    private static async Task DropLeftoversAsync()
    {
        await using var conn = new NpgsqlConnection(PostgresServer);
        await conn.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname ~ '^daftar_(t|e|template_)[0-9]+_'", conn))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        foreach (var name in names)
        {
            var pid = int.Parse(System.Text.RegularExpressions.Regex.Match(name, "^daftar_(?:t|e|template_)([0-9]+)_").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            if (IsRunning(pid)) continue;
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(PostgresServer);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
