using Daftar.Data;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Search;

/// <summary>
/// On PostgreSQL every search word of a file — its own, its confirmed notes' and its receipts' — is kept in one row of
/// <c>FileWords</c> by triggers (ADR 0017), so that a search testing an officer's newest files reads one row per file.
/// A bulk load that bypasses the triggers (the data generator's COPY) fills the table afresh here.
/// </summary>
public static class FileWords
{
    /// <summary>Every file's words afresh ("FileId", "SearchVector"), from its own row, its confirmed notes and its receipts,
    /// in one pass over each table: what the triggers keep, counted again.</summary>
    public const string EveryFileSql = """
        SELECT f."Id" AS "FileId", array_to_tsvector(array_remove(string_to_array(concat_ws(' ', f."SearchText", n.words, r.words), ' '), '')) AS "SearchVector"
        FROM "Files" f
        LEFT JOIN (SELECT "FileId", string_agg("SearchText", ' ') AS words FROM "Notes" WHERE "IsConfirmed" GROUP BY "FileId") n ON n."FileId" = f."Id"
        LEFT JOIN (SELECT "FileId", string_agg("SearchText", ' ') AS words FROM "Receipts" WHERE "FileId" IS NOT NULL GROUP BY "FileId") r ON r."FileId" = f."Id"
        """;

    public const string RebuildSql = $"""
        TRUNCATE "FileWords";
        INSERT INTO "FileWords" ("FileId", "SearchVector") {EveryFileSql};
        ANALYZE "FileWords";
        """;

    /// <summary>Fills <c>FileWords</c> from the files, notes and receipts (nothing to do on SQLite, whose one FTS5 index
    /// answers a search). Run it while nobody saves.</summary>
    public static async Task RebuildAsync(DaftarDb db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));   // a state's 1.2 crore notes; the caller's timeout is kept
        try
        {
            await db.Database.ExecuteSqlRawAsync(RebuildSql, ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }
}
