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
/// <item>common words: the visible files are tested newest first, in growing batches (<c>Search:FirstBatch</c>, 256,
/// first), each file against its row of <c>FileWords</c> (its own, its notes' and its receipts' words; ADR 0017), until a
/// page is full — a word found in one note in ten fills a page from the first batch — or
/// until <c>Search:VisibleBudget</c> files were tested; the answer then says it is partial.</item>
/// </list>
/// Left to itself the planner hashed every row matching a common word (two lakh files and a lakh receipts for "budget"
/// at state scale): eight seconds per search.
/// </summary>
public sealed class PostgresSearch(DaftarDb db, IConfiguration config, SearchEstimates estimates)
{
    /// <summary>The newest visible files carrying the words (at most <paramref name="limit"/>), and whether some visible
    /// files were left untested (<c>Search:VisibleBudget</c>, 2,048 by default, bounds the testing of one search).</summary>
    /// <param name="candidates">Every file the search may answer with.</param>
    /// <param name="newest">The newest n of them below an id, newest first.</param>
    /// <param name="severalWords">Whether <paramref name="tsquery"/> asks for more than one word.</param>
    public async Task<(List<int> Ids, bool Partial)> FileIdsAsync(IQueryable<int> candidates, Func<int, int, IQueryable<int>> newest, string tsquery, bool severalWords,
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
    /// The newest candidates that pass the test, in growing batches (<see cref="NextBatch"/>), up to the budget. A word
    /// common in the state but rare among an officer's files would otherwise have every one of them tested, for seconds
    /// of the database's time: past the budget the answer says which part was searched. Each batch of candidates is read
    /// when it is tested, below the last one: a common word fills a page from the first batch, and reading the whole
    /// budget's candidates up front cost a search as much as testing them.
    /// </summary>
    private async Task<(List<int> Ids, bool Partial)> NewestMatchingAsync(Func<int, int, IQueryable<int>> newest, int limit, Func<int[], FormattableString> test,
        CancellationToken ct)
    {
        var found = new List<int>();
        var below = int.MaxValue;
        for (int tested = 0, size = FirstBatch, before = 0; found.Count < limit; tested += size, size = NextBatch(size, tested, before, found.Count, limit, FirstBatch))
        {
            if (tested >= Budget) return (found, true);
            size = Math.Min(size, Budget - tested);
            before = found.Count;
            // One more than the batch: whether anything is left below it.
            var batch = await newest(size + 1, below).ToListAsync(ct);
            var ids = batch.Take(size).ToArray();
            if (ids.Length > 0) found.AddRange(await db.Database.SqlQuery<int>(test(ids)).ToListAsync(ct));
            if (batch.Count <= size) break;
            below = ids[^1];
        }
        return (found.Take(limit).ToList(), false);
    }

    /// <summary>
    /// Twice the last batch; or, when the last batch found some, about as many as the rate found so far needs to fill
    /// the page, with a quarter to spare (a page two-thirds full after 256 files asks for some 160 more, not 512), but never
    /// fewer than a quarter of the first batch, so that a page one short does not go on in batches of a few files.
    /// </summary>
    internal static int NextBatch(int size, int tested, int foundBefore, int found, int limit, int firstBatch)
    {
        if (found == foundBefore) return size * 2;
        var needed = Math.Ceiling((limit - found) * (double)tested / found * 1.25);
        return (int)Math.Min(Math.Max(needed, Math.Max(1, firstBatch / 4)), size * 2.0);
    }

    /// <summary>How many of the newest visible files (or receipts) one search tests at most.</summary>
    public int Budget => Math.Max(1, config.GetValue("Search:VisibleBudget", 2_048));
    private int FirstBatch => Math.Max(1, config.GetValue("Search:FirstBatch", 256));

    /// <summary>Which of an officer's visible receipts carry the words, newest first: tested one by one, in growing batches
    /// (an officer sees far fewer receipts than files).</summary>
    /// <param name="newest">The newest n of the receipts the search may answer with below an id, newest first.</param>
    public async Task<(List<int> Ids, bool Partial)> ReceiptIdsAsync(Func<int, int, IQueryable<int>> newest, string tsquery, int limit, CancellationToken ct)
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

    /// <summary>How many files, notes and receipts the planner expects to match, from its statistics (no rows are read);
    /// remembered for a while, as the statistics change slowly and officers search for the same words.</summary>
    private async Task<double> EstimatedMatchesAsync(string tsquery, CancellationToken ct)
    {
        if (estimates.TryGet(tsquery, out var known)) return known;
        var estimate = await PlannerEstimateAsync(tsquery, ct);
        estimates.Remember(tsquery, estimate);
        return estimate;
    }

    private async Task<double> PlannerEstimateAsync(string tsquery, CancellationToken ct)
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

/// <summary>
/// The planner's estimates of how many rows carry a search's words (<see cref="PostgresSearch"/>), kept for
/// <c>Search:EstimateMinutes</c> (10 by default): asking for the plan cost a search a round trip and most of a
/// millisecond of the database's time. At most 10,000 queries are kept; past that the oldest half is dropped. The
/// estimate is a count over the whole installation, the same for every officer, so sharing it reveals nothing.
/// </summary>
public sealed class SearchEstimates(TimeProvider clock, IConfiguration config)
{
    private const int Capacity = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (double Rows, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    public bool TryGet(string tsquery, out double rows)
    {
        rows = 0;
        if (!_known.TryGetValue(tsquery, out var entry) || entry.Until <= clock.GetUtcNow()) return false;
        rows = entry.Rows;
        return true;
    }

    public void Remember(string tsquery, double rows)
    {
        var now = clock.GetUtcNow();
        if (_known.Count >= Capacity)
            foreach (var old in _known.OrderBy(e => e.Value.Until).Take(Capacity / 2)) _known.TryRemove(old.Key, out _);
        _known[tsquery] = (rows, now.AddMinutes(config.GetValue("Search:EstimateMinutes", 10.0)));
    }
}
