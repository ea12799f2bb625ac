using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// SQLite lets one writer in at a time. When a second finds the database locked, Microsoft.Data.Sqlite retries after a
/// fixed 150 ms sleep (it sets no busy timeout of SQLite's own), so a send that queued behind another for a millisecond
/// waited 150, 300 or 600 ms: the demo's write p95 stood on those steps (docs/performance.md, twenty-first round).
/// Each connection's handle is given SQLite's own busy timeout instead, whose handler retries after 1, 2, 5, 10… ms; the
/// driver's retry stays behind it for a lock held longer than that.
/// </summary>
public sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public static readonly SqliteBusyWait Instance = new();

    /// <summary>How long one statement waits in SQLite for the write lock before the driver's own retry takes over.</summary>
    public const int Milliseconds = 10_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Wait(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wait(connection);
        return Task.CompletedTask;
    }

    private static void Wait(DbConnection connection)
    {
        // A native call on the open handle, not a PRAGMA statement: EF opens a pooled connection for every query.
        if (connection is SqliteConnection { Handle: { } handle }) SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
    }
}
