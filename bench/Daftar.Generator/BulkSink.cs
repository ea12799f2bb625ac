using System.Data.Common;
using System.Globalization;
using Daftar.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Daftar.Generator;

/// <summary>Rows into one table, fast: PostgreSQL binary COPY, or prepared INSERTs in one SQLite transaction.</summary>
public interface IBulkTable : IAsyncDisposable
{
    Task WriteAsync(params object?[] values);
}

/// <summary>
/// Bulk loading for the data generator. On PostgreSQL secondary indexes and foreign keys are dropped before the load
/// and re-created after it (COPY into bare tables, indexes built once), their triggers paused, identities moved past the
/// loaded ids, and the tables vacuumed and analysed. On SQLite the rows go through prepared statements inside one transaction (the FTS triggers fire).
/// </summary>
public abstract class BulkSink : IAsyncDisposable
{
    public static async Task<BulkSink> OpenAsync(DaftarDb db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        return connection switch
        {
            NpgsqlConnection pg => new PostgresSink(pg),
            SqliteConnection lite => new SqliteSink(lite),
            _ => throw new NotSupportedException("Only PostgreSQL and SQLite are supported."),
        };
    }

    public abstract Task BeforeLoadAsync(IReadOnlyList<string> tables, CancellationToken ct);
    public abstract Task<IBulkTable> TableAsync(string table, params string[] columns);
    public abstract Task AfterLoadAsync(IReadOnlyList<string> tables, Action<string> progress, CancellationToken ct);
    public abstract ValueTask DisposeAsync();

    private sealed class PostgresSink(NpgsqlConnection connection) : BulkSink
    {
        private readonly List<string> _recreate = [];
        private readonly List<(string Table, string Name)> _foreignKeys = [];

        public override async Task BeforeLoadAsync(IReadOnlyList<string> tables, CancellationToken ct)
        {
            var names = string.Join(",", tables.Select(t => $"'{t}'"));
            // Foreign keys of (and into) the loaded tables, then their secondary indexes: remembered, dropped, re-created after.
            await using (var cmd = new NpgsqlCommand($"""
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c WHERE c.contype = 'f' AND (c.conrelid::regclass::text IN ({string.Join(",", tables.Select(t => $"'\"{t}\"'"))})
                   OR c.confrelid::regclass::text IN ({string.Join(",", tables.Select(t => $"'\"{t}\"'"))}))
                """, connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    _foreignKeys.Add((reader.GetString(0), reader.GetString(1)));
                    _recreate.Add($"ALTER TABLE {reader.GetString(0)} ADD CONSTRAINT \"{reader.GetString(1)}\" {reader.GetString(2)}");
                }
            var indexes = new List<(string Name, string Definition)>();
            await using (var cmd = new NpgsqlCommand($"""
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                WHERE i.schemaname = 'public' AND i.tablename IN ({names})
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))
                """, connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
            foreach (var (table, name) in _foreignKeys) await ExecAsync($"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"", ct);
            foreach (var (name, _) in indexes) await ExecAsync($"DROP INDEX \"{name}\"", ct);
            _recreate.InsertRange(0, indexes.Select(i => i.Definition));
            // Triggers (the files' search words) would fire per copied row; the generator fills what they keep in bulk after.
            foreach (var table in tables) await ExecAsync($"ALTER TABLE \"{table}\" DISABLE TRIGGER USER", ct);
        }

        /// <summary>Each table gets its own connection: one connection carries one COPY at a time, and the generator fills several at once.</summary>
        public override async Task<IBulkTable> TableAsync(string table, params string[] columns)
        {
            var own = (NpgsqlConnection)((ICloneable)connection).Clone();
            await own.OpenAsync();
            return new PostgresTable(own, await own.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"));
        }

        public override async Task AfterLoadAsync(IReadOnlyList<string> tables, Action<string> progress, CancellationToken ct)
        {
            await ExecAsync("SET maintenance_work_mem = '512MB'", ct);
            foreach (var statement in _recreate)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                await ExecAsync(statement, ct, timeout: 0);
                progress($"  {(statement.StartsWith("CREATE", StringComparison.Ordinal) ? "index" : "foreign key")} {statement.Split('"')[1]}{(statement.StartsWith("ALTER", StringComparison.Ordinal) ? " " + statement.Split('"')[3] : "")} ({started.Elapsed.TotalSeconds:0.0} s)");
            }
            foreach (var table in tables) await ExecAsync($"ALTER TABLE \"{table}\" ENABLE TRIGGER USER", ct);
            foreach (var table in tables)
            {
                // Identities continue after the loaded ids (tables keyed otherwise have no identity to move).
                await using (var has = new NpgsqlCommand($"SELECT pg_get_serial_sequence('\"{table}\"', 'Id') IS NOT NULL FROM information_schema.columns WHERE table_name = '{table}' AND column_name = 'Id'", connection))
                    if (await has.ExecuteScalarAsync(ct) is true)
                        await ExecAsync($"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), COALESCE((SELECT max(\"Id\") FROM \"{table}\"), 0) + 1, false)", ct);
                // Leave every table as the autovacuum of a running installation keeps it: pages marked all-visible (inboxes and
                // visibility are read from indexes alone) and rows' commits noted on them. Tables only analysed were vacuumed
                // by autovacuum through the whole load run that followed (a state's 47 million audit events and 12 million
                // notes), on the cores the run was measuring. A district's tables take 4 s.
                var vacuumed = System.Diagnostics.Stopwatch.StartNew();
                await ExecAsync($"VACUUM (ANALYZE) \"{table}\"", ct, timeout: 0);
                progress($"  vacuum {table} ({vacuumed.Elapsed.TotalSeconds:0.0} s)");
            }
        }

        private async Task ExecAsync(string sql, CancellationToken ct, int timeout = 300)
        {
            await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = timeout };
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class PostgresTable(NpgsqlConnection own, NpgsqlBinaryImporter importer) : IBulkTable
    {
        public async Task WriteAsync(params object?[] values)
        {
            await importer.StartRowAsync();
            foreach (var v in values)
            {
                switch (v)
                {
                    case null: await importer.WriteNullAsync(); break;
                    case int i: await importer.WriteAsync(i, NpgsqlDbType.Integer); break;
                    case long l: await importer.WriteAsync(l, NpgsqlDbType.Bigint); break;
                    case bool b: await importer.WriteAsync(b, NpgsqlDbType.Boolean); break;
                    case string s: await importer.WriteAsync(s, NpgsqlDbType.Text); break;
                    case Guid g: await importer.WriteAsync(g, NpgsqlDbType.Uuid); break;
                    case DateOnly d: await importer.WriteAsync(d, NpgsqlDbType.Date); break;
                    case DateTimeOffset t: await importer.WriteAsync(t.ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
                    case byte[] bytes: await importer.WriteAsync(bytes, NpgsqlDbType.Bytea); break;
                    default: throw new NotSupportedException(v.GetType().Name);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await importer.CompleteAsync();
            await importer.DisposeAsync();
            await own.DisposeAsync();
        }
    }

    private sealed class SqliteSink(SqliteConnection connection) : BulkSink
    {
        private DbTransaction? _tx;

        public override async Task BeforeLoadAsync(IReadOnlyList<string> tables, CancellationToken ct)
        {
            _tx = await connection.BeginTransactionAsync(ct);
            // Rows arrive in generation order (a file's movements before the file); foreign keys are checked at commit.
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = (SqliteTransaction)_tx;
            cmd.CommandText = "PRAGMA defer_foreign_keys = ON";
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override Task<IBulkTable> TableAsync(string table, params string[] columns)
        {
            var cmd = connection.CreateCommand();
            cmd.Transaction = (SqliteTransaction)_tx!;
            cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Length; i++) cmd.Parameters.Add(new SqliteParameter("$p" + i, null));
            cmd.Prepare();
            return Task.FromResult<IBulkTable>(new SqliteTable(cmd));
        }

        public override async Task AfterLoadAsync(IReadOnlyList<string> tables, Action<string> progress, CancellationToken ct)
        {
            await _tx!.CommitAsync(ct);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "ANALYZE";
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_tx is not null) await _tx.DisposeAsync();
        }
    }

    /// <summary>Values in the forms EF Core's SQLite provider writes them, so that its queries compare them correctly.</summary>
    private sealed class SqliteTable(SqliteCommand command) : IBulkTable
    {
        public async Task WriteAsync(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    bool b => b ? 1 : 0,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
                    var other => other,
                };
            }
            await command.ExecuteNonQueryAsync();
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
