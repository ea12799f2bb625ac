using System.Text.Json;
using Daftar.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Daftar.Web.Features.Search;

/// <summary>
/// Which of an officer's visible files match the words, newest first, on PostgreSQL — without reading every row that
/// matches a common word, and without testing every visible file for a rare one (ADR 0008). The planner's own estimate
/// of how many files, notes and receipts of the whole installation carry the words decides:
/// <list type="bullet">
/// <item>rare words (at most <c>Search:IndexBelowMatches</c>, 20,000 by default): the GIN indexes give the matching
/// files, which are then narrowed to the visible ones;</item>
/// <item>common words: the visible files are tested newest first, in doubling batches (<c>Search:FirstBatch</c>, 256,
/// first), each file against its row of <c>FileWords</c> (its own, its notes' and its receipts' words; ADR 0017), until a
/// page is full — a word found in one note in ten fills a page from the first batch — or
/// until <c>Search:VisibleBudget</c> files were tested; the answer then says it is partial.</item>
/// </list>
/// Left to itself the planner hashed every row matching a common word (two lakh files and a lakh receipts for "budget"
/// at state scale): eight seconds per search.
/// </summary>
public sealed class PostgresSearch(DaftarDb db, IConfiguration config)
{
    /// <summary>The newest visible files carrying the words (at most <paramref name="limit"/>), and whether some visible
    /// files were left untested (<c>Search:VisibleBudget</c>, 2,048 by default, bounds the testing of one search).</summary>
    /// <param name="candidates">Every file the search may answer with.</param>
    /// <param name="newest">The newest n of them, newest first.</param>
    /// <param name="severalWords">Whether <paramref name="tsquery"/> asks for more than one word.</param>
    public async Task<(List<int> Ids, bool Partial)> FileIdsAsync(IQueryable<int> candidates, Func<int, IQueryable<int>> newest, string tsquery, bool severalWords,
        int limit, CancellationToken ct)
    {
        if (await EstimatedMatchesAsync(tsquery, ct) <= config.GetValue("Search:IndexBelowMatches", 20_000))
        {
            var matching = await db.Database.SqlQuery<int>($"""
                SELECT "Id" AS "Value" FROM "Files" WHERE "SearchVector" @@ {tsquery}::tsquery
                UNION SELECT "FileId" FROM "Notes" WHERE "SearchVector" @@ {tsquery}::tsquery AND "IsConfirmed"
                UNION SELECT "FileId" FROM "Receipts" WHERE "SearchVector" @@ {tsquery}::tsquery AND "FileId" IS NOT NULL
                """).ToListAsync(ct);
            return (await candidates.Where(id => matching.Contains(id)).OrderByDescending(id => id).Take(limit).ToListAsync(ct), false);
        }

        // Each id is tested alone against its one row of FileWords (its own, its confirmed notes' and its receipts' words),
        // in the batch's order. Several words must also be found in one row — the file's, a note's or a receipt's — as the
        // index path above and SQLite ask; one word found among a file's words is found in one of them.
        if (!severalWords)
            return await NewestMatchingAsync(newest, limit, batch => $"""
                SELECT v.id AS "Value" FROM unnest({batch}::integer[]) WITH ORDINALITY AS v(id, n)
                WHERE EXISTS (SELECT 1 FROM "FileWords" w WHERE w."FileId" = v.id AND w."SearchVector" @@ {tsquery}::tsquery)
                ORDER BY v.n
                """, ct);
        return await NewestMatchingAsync(newest, limit, batch => $"""
            SELECT v.id AS "Value" FROM unnest({batch}::integer[]) WITH ORDINALITY AS v(id, n)
            WHERE EXISTS (SELECT 1 FROM "FileWords" w WHERE w."FileId" = v.id AND w."SearchVector" @@ {tsquery}::tsquery)
              AND (EXISTS (SELECT 1 FROM "Files" x WHERE x."Id" = v.id AND x."SearchVector" @@ {tsquery}::tsquery)
               OR EXISTS (SELECT 1 FROM "Notes" x WHERE x."FileId" = v.id AND x."IsConfirmed" AND x."SearchVector" @@ {tsquery}::tsquery)
               OR EXISTS (SELECT 1 FROM "Receipts" x WHERE x."FileId" = v.id AND x."SearchVector" @@ {tsquery}::tsquery))
            ORDER BY v.n
            """, ct);
    }

    /// <summary>
    /// The newest candidates that pass the test, in doubling batches, up to the budget. A word common in the state but
    /// rare among an officer's files would otherwise have every one of them tested, for seconds of the database's time:
    /// past the budget the answer says which part was searched.
    /// </summary>
    private async Task<(List<int> Ids, bool Partial)> NewestMatchingAsync(Func<int, IQueryable<int>> newest, int limit, Func<int[], FormattableString> test, CancellationToken ct)
    {
        var visible = await newest(Budget + 1).ToListAsync(ct);
        var tested = Math.Min(visible.Count, Budget);
        var found = new List<int>();
        for (int start = 0, size = FirstBatch; start < tested && found.Count < limit; start += size, size *= 2)
            found.AddRange(await db.Database.SqlQuery<int>(test(visible.GetRange(start, Math.Min(size, tested - start)).ToArray())).ToListAsync(ct));
        return (found.Take(limit).ToList(), found.Count < limit && visible.Count > Budget);
    }

    /// <summary>How many of the newest visible files (or receipts) one search tests at most.</summary>
    public int Budget => Math.Max(1, config.GetValue("Search:VisibleBudget", 2_048));
    private int FirstBatch => Math.Max(1, config.GetValue("Search:FirstBatch", 256));

    /// <summary>Which of an officer's visible receipts carry the words, newest first: tested one by one, in doubling batches
    /// (an officer sees far fewer receipts than files).</summary>
    /// <param name="newest">The newest n of the receipts the search may answer with, newest first.</param>
    public async Task<(List<int> Ids, bool Partial)> ReceiptIdsAsync(Func<int, IQueryable<int>> newest, string tsquery, int limit, CancellationToken ct)
    {
        return await NewestMatchingAsync(newest, limit, batch => $"""
            SELECT v.id AS "Value" FROM unnest({batch}::integer[]) WITH ORDINALITY AS v(id, n)
            WHERE EXISTS (SELECT 1 FROM "Receipts" x WHERE x."Id" = v.id AND x."SearchVector" @@ {tsquery}::tsquery)
            ORDER BY v.n
            """, ct);
    }

    /// <summary>Of these files, those with a confirmed note carrying the words, and those with a receipt carrying them.</summary>
    public async Task<(HashSet<int> InNotes, HashSet<int> InReceipts)> WhereFoundAsync(int[] fileIds, string tsquery, CancellationToken ct)
    {
        if (fileIds.Length == 0) return ([], []);
        // Written per file, like the batches above: as a plain filter, a reused (generic) plan may take the GIN index and
        // read every note in the state carrying a common word to answer for fifty files.
        var notes = await db.Database.SqlQuery<int>($"""
            SELECT v.id AS "Value" FROM unnest({fileIds}::integer[]) AS v(id)
            WHERE EXISTS (SELECT 1 FROM "Notes" x WHERE x."FileId" = v.id AND x."IsConfirmed" AND x."SearchVector" @@ {tsquery}::tsquery)
            """).ToListAsync(ct);
        var receipts = await db.Database.SqlQuery<int>($"""
            SELECT v.id AS "Value" FROM unnest({fileIds}::integer[]) AS v(id)
            WHERE EXISTS (SELECT 1 FROM "Receipts" x WHERE x."FileId" = v.id AND x."SearchVector" @@ {tsquery}::tsquery)
            """).ToListAsync(ct);
        return ([.. notes], [.. receipts]);
    }

    /// <summary>How many files, notes and receipts the planner expects to match, from its statistics (no rows are read).</summary>
    private async Task<double> EstimatedMatchesAsync(string tsquery, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("""
                EXPLAIN (FORMAT JSON) SELECT 1 FROM "Files" WHERE "SearchVector" @@ $1::tsquery
                UNION ALL SELECT 1 FROM "Notes" WHERE "SearchVector" @@ $1::tsquery
                UNION ALL SELECT 1 FROM "Receipts" WHERE "SearchVector" @@ $1::tsquery
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = tsquery });
            using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync(ct))!);
            return plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }
}
