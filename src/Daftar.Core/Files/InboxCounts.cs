using System.Data.Common;
using System.Globalization;
using System.Text;
using Daftar.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace Daftar.Files;

/// <summary>
/// How many files a post has in each inbox tab, as last compacted. Counting a busy post's files at every inbox view
/// read thousands of index entries (ADR 0016); the counts are kept instead: every save that changes files appends an
/// <see cref="InboxCountChange"/> per post it affects (no row is updated, so sends to one busy post never wait on each
/// other), and <see cref="InboxCounting.CompactAsync"/> folds those changes in here every few seconds. A post's counts
/// are its row here plus its changes not yet folded in. Overdue depends on today's date and is counted when read.
/// </summary>
public sealed class InboxCount
{
    private InboxCount() { }

    public int PostId { get; private set; }
    public int New { get; private set; }
    public int Opened { get; private set; }
    public int Parked { get; private set; }
    public int Closed { get; private set; }
    public int Sent { get; private set; }
    public int Created { get; private set; }
}

/// <summary>What one save changed in one post's inbox counts; see <see cref="InboxCount"/>.</summary>
public sealed class InboxCountChange
{
    private InboxCountChange() { }

    internal InboxCountChange(int postId, int[] delta)
    {
        PostId = postId;
        (New, Opened, Parked, Closed, Sent, Created) = (delta[0], delta[1], delta[2], delta[3], delta[4], delta[5]);
    }

    public long Id { get; private set; }
    public int PostId { get; private set; }
    public int New { get; private set; }
    public int Opened { get; private set; }
    public int Parked { get; private set; }
    public int Closed { get; private set; }
    public int Sent { get; private set; }
    public int Created { get; private set; }
}

/// <summary>
/// The one rule of which tab a file counts in, for whom — kept in step with the inbox lists (FileQueries.InboxAsync) and
/// with <see cref="RebuildSql"/>: held by a post, a file counts as new or opened while open, else as parked or closed;
/// a file that arrived by being sent counts as sent for the post it came from (while that post does not hold it); every
/// file counts as created for the post that made it.
/// </summary>
public static class InboxCounting
{
    private const int New = 0, Opened = 1, Parked = 2, Closed = 3, Sent = 4, Created = 5;
    private static readonly string[] Columns = ["New", "Opened", "Parked", "Closed", "Sent", "Created"];

    /// <summary>The count changes of the files added, changed or removed in <paramref name="tracker"/>, one per post.</summary>
    public static List<InboxCountChange> ChangesOf(ChangeTracker tracker)
    {
        Dictionary<int, int[]>? deltas = null;
        foreach (var entry in tracker.Entries<EFile>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            deltas ??= [];
            if (entry.State != EntityState.Added) Count(entry.OriginalValues, -1, deltas);
            if (entry.State != EntityState.Deleted) Count(entry.CurrentValues, +1, deltas);
        }
        return deltas is null ? [] : [.. deltas.Where(d => d.Value.Any(v => v != 0)).Select(d => new InboxCountChange(d.Key, d.Value))];
    }

    private static void Count(PropertyValues file, int sign, Dictionary<int, int[]> deltas)
    {
        var holder = file.GetValue<int>(nameof(EFile.HolderPostId));
        var from = file.GetValue<int>(nameof(EFile.ArrivedFromPostId));
        var held = file.GetValue<FileStatus>(nameof(EFile.Status)) switch
        {
            FileStatus.Open => file.GetValue<DateTimeOffset?>(nameof(EFile.ArrivalOpenedAt)) is null ? New : Opened,
            FileStatus.Parked => Parked,
            _ => Closed,
        };
        Add(holder, held);
        if (file.GetValue<MovementKind>(nameof(EFile.ArrivalKind)) == MovementKind.Sent && from != holder) Add(from, Sent);
        Add(file.GetValue<int>(nameof(EFile.CreatedByPostId)), Created);

        void Add(int post, int tab)
        {
            if (!deltas.TryGetValue(post, out var d)) deltas[post] = d = new int[Columns.Length];
            d[tab] += sign;
        }
    }

    /// <summary>
    /// Counts every post's files afresh (after a bulk load, or a change made outside Daftar), for SQLite and PostgreSQL
    /// alike. Run it while nobody saves: a save that commits during the recount may be counted twice.
    /// </summary>
    public const string RebuildSql = """
        DELETE FROM "InboxCountChanges";
        DELETE FROM "InboxCounts";
        INSERT INTO "InboxCounts" ("PostId", "New", "Opened", "Parked", "Closed", "Sent", "Created")
        SELECT "PostId", sum("New"), sum("Opened"), sum("Parked"), sum("Closed"), sum("Sent"), sum("Created") FROM (
            SELECT "HolderPostId" AS "PostId",
                CASE WHEN "Status" = 1 AND "ArrivalOpenedAt" IS NULL THEN 1 ELSE 0 END AS "New",
                CASE WHEN "Status" = 1 AND "ArrivalOpenedAt" IS NOT NULL THEN 1 ELSE 0 END AS "Opened",
                CASE WHEN "Status" = 2 THEN 1 ELSE 0 END AS "Parked",
                CASE WHEN "Status" = 3 THEN 1 ELSE 0 END AS "Closed",
                0 AS "Sent", 0 AS "Created"
            FROM "Files"
            UNION ALL
            SELECT "ArrivedFromPostId", 0, 0, 0, 0, 1, 0 FROM "Files" WHERE "ArrivalKind" = 2 AND "ArrivedFromPostId" <> "HolderPostId"
            UNION ALL
            SELECT "CreatedByPostId", 0, 0, 0, 0, 0, 1 FROM "Files"
        ) AS c
        GROUP BY "PostId";
        """;

    public static async Task RebuildAsync(DaftarDb db, CancellationToken ct)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));   // a state's 28.8 lakh files; the caller's timeout is kept
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(RebuildSql, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>
    /// Folds the changes saved so far into <see cref="InboxCount"/>; returns how many it folded. Safe beside saves and
    /// beside another compaction: it removes exactly the changes it adds up (DELETE … RETURNING), in one transaction.
    /// </summary>
    public static async Task<int> CompactAsync(DaftarDb db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var totals = new Dictionary<int, int[]>();
        var folded = 0;
        await using (var delete = Command(connection, tx.GetDbTransaction(),
            $"""DELETE FROM "InboxCountChanges" RETURNING "PostId", {string.Join(", ", Columns.Select(c => $"\"{c}\""))}"""))
        await using (var reader = await delete.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                folded++;
                var post = reader.GetInt32(0);
                if (!totals.TryGetValue(post, out var sum)) totals[post] = sum = new int[Columns.Length];
                for (var i = 0; i < Columns.Length; i++) sum[i] += reader.GetInt32(i + 1);
            }
        // Upserts add to what is there, so a row written meanwhile by another compaction is never overwritten.
        foreach (var chunk in totals.Chunk(500))
        {
            var sql = new StringBuilder($"""INSERT INTO "InboxCounts" ("PostId", {string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES """);
            sql.AppendJoin(", ", chunk.Select(t => $"({string.Join(", ", t.Value.Prepend(t.Key).Select(v => v.ToString(CultureInfo.InvariantCulture)))})"));
            sql.Append(""" ON CONFLICT ("PostId") DO UPDATE SET """);
            sql.AppendJoin(", ", Columns.Select(c => $"\"{c}\" = \"InboxCounts\".\"{c}\" + excluded.\"{c}\""));
            await using var upsert = Command(connection, tx.GetDbTransaction(), sql.ToString());
            await upsert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return folded;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }
}
