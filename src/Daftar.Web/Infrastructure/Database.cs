using Daftar.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Daftar.Web.Infrastructure;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DatabaseProvider>))]
public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Where the data lives: chosen at run time by Database:Provider and Database:ConnectionString.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration config)
    {
        var providerText = config["Database:Provider"] ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new ConfigurationProblem(
                $"Database:Provider is '{providerText}'. Use 'Sqlite' (the default) or 'Postgres'.");
        var connectionString = config["Database:ConnectionString"] ?? config.GetConnectionString("Daftar");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new ConfigurationProblem(
                    "Database:Provider is Postgres but no connection string is set. Set Database:ConnectionString " +
                    "(environment variable Database__ConnectionString), e.g. 'Host=127.0.0.1;Port=5432;Database=daftar;Username=daftar;Password=…'.");
            var dataPath = DataPath(config);
            Directory.CreateDirectory(dataPath);
            connectionString = $"Data Source={Path.Combine(dataPath, "daftar.db")}";
        }
        return new DatabaseSettings(provider, connectionString);
    }

    public static string DataPath(IConfiguration config) =>
        Path.GetFullPath(config["Daftar:DataPath"] ?? Path.Combine(Environment.CurrentDirectory, "data"));

    // Worked out once: every request's DbContext is configured with it.
    private readonly string _tuned = Provider == DatabaseProvider.Postgres ? Tuned(ConnectionString) : ConnectionString;

    public void Configure(DbContextOptionsBuilder options)
    {
        // EF logs every refused save and failed command as an error with a stack trace, before the caller sees it. A
        // unique key or version check losing to a concurrent officer is expected and answered 409; a real failure
        // reaches the caller as an exception and is logged there (the exception handler, the background service).
        options.ConfigureWarnings(w => w.Ignore(CoreEventId.SaveChangesFailed, CoreEventId.OptimisticConcurrencyException, RelationalEventId.CommandError));
        if (Provider == DatabaseProvider.Postgres)
            options.UseNpgsql(_tuned, o => o.MigrationsAssembly("Daftar.Migrations.Postgres"));
        else
            options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Daftar.Migrations.Sqlite")).AddInterceptors(SqliteBusyWait.Instance);
    }

    /// <summary>
    /// Npgsql settings that save round trips, unless the operator chose otherwise: EF opens and returns a pooled
    /// connection for every query, and by default each return costs a DISCARD ALL (Daftar sets no session state
    /// that would need it); statements used repeatedly are prepared once per connection; no JIT compilation.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!HasKey(connectionString, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        if (!HasKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 100;
        // Daftar's statements are short and indexed; PostgreSQL's JIT compiles the few that look costly to the planner
        // (a search over a state's notes) for 15–50 ms and wins nothing back on them.
        if (!HasKey(connectionString, "Options")) builder.Options = "-c jit=off";
        return builder.ConnectionString;

        static bool HasKey(string s, params string[] keys) =>
            keys.Any(k => s.Contains(k + "=", StringComparison.OrdinalIgnoreCase) || s.Contains(k + " =", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The connection string without its password, for messages.</summary>
    public string SafeDescription()
    {
        var parts = ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)
                     && !p.TrimStart().StartsWith("pwd", StringComparison.OrdinalIgnoreCase));
        return $"{Provider}: {string.Join(';', parts)}";
    }
}

/// <summary>A setting or environment problem the operator must fix; printed as one line, never a stack trace.</summary>
/// <summary>Something an area must find in the database from the first start, made right after the migrations; each area
/// registers its own, so the start-up needs to know none of them.</summary>
public interface IAfterMigration
{
    Task RunAsync(CancellationToken ct);
}

public sealed class ConfigurationProblem(string message, Exception? inner = null) : Exception(message, inner);

public static class DatabaseStartup
{
    /// <summary>Checks the database can be reached and applies pending migrations, with one clear message on failure.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DaftarDb>();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        // A migration that fills a new table or index from a state's rows (28.8 lakh files, 1.2 crore notes) runs for
        // minutes, not the 30 seconds a request may take.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        try
        {
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                // CanConnect swallows the reason; open the connection ourselves so the message says why.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.CloseConnectionAsync();
                await CreateHistoryTableAsync(db, ct);
            }
            // A database made by a development version before the migrations were squashed (ADR 0023) names migrations
            // that no longer exist; applying Initial over it would fail half-way on "table exists".
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var known = db.Database.GetMigrations().ToHashSet();
            if (applied.Count > 0 && !applied.All(known.Contains))
                throw new ConfigurationProblem(
                    $"The database ({settings.SafeDescription()}) was made by an earlier development version of Daftar whose migrations have since been squashed " +
                    "into one (docs/adr/0023). Start from a new database, or restore a backup into a new installation.", null);
            await db.Database.MigrateAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ConfigurationProblem)
        {
            throw new ConfigurationProblem(
                $"Cannot open the database ({settings.SafeDescription()}): {Describe(ex)} " +
                "Check Database:Provider and Database:ConnectionString.", ex);
        }
        // What the areas need in the database from the first start (Signing: the installation's CAs and timestamp authority).
        foreach (var step in scope.ServiceProvider.GetServices<IAfterMigration>()) await step.RunAsync(ct);
    }

    /// <summary>
    /// Npgsql's migrator reads the migrations history without asking whether the table exists, and EF logs the failure
    /// on a new database as an error (npgsql/efcore.pg#3407): an operator's first start printed two "fail:" entries
    /// with a failed command. Made first, as EF would make it, the first start logs nothing alarming.
    /// </summary>
    private static async Task CreateHistoryTableAsync(DaftarDb db, CancellationToken ct)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DuplicateTable)
        {
            // Another node starting at the same moment made it.
        }
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null && inner is not System.Net.Sockets.SocketException) inner = inner.InnerException;
        return inner.Message.TrimEnd('.') + ".";
    }
}
