using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Platform;

public class SqliteBusyWaitTests
{
    [Fact]
    public async Task EveryConnectionDaftarOpens_WaitsInSqliteForTheWriteLock_NotInTheDriversFixedSleeps()
    {
        var file = Path.Combine(Path.GetTempPath(), $"daftar-busy-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<DaftarDb>();
            new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}").Configure(options);
            await using var db = new DaftarDb(options.Options);
            // EF opens (and closes) the connection around each query, as every request does.
            var timeout = await db.Database.SqlQueryRaw<long>("PRAGMA busy_timeout").ToListAsync();
            Assert.Equal([(long)SqliteBusyWait.Milliseconds], timeout);

            // A new handle, not opened through Daftar's context, has none: the interceptor is what sets it (a pooled
            // handle keeps what it was given, so this one is not taken from the pool).
            await using var plain = new SqliteConnection($"Data Source={file};Pooling=False");
            await plain.OpenAsync();
            await using var cmd = plain.CreateCommand();
            cmd.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
