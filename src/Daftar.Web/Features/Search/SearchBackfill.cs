using Daftar.Data;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Search;

/// <summary>
/// At start-up, gives search words to rows that have none (written before search existed), in batches; the database's
/// own index (FTS5 triggers, PostgreSQL GIN) picks them up. Costs one indexed query per table when there is nothing to do.
/// </summary>
public static class SearchBackfill
{
    private const int Batch = 500;

    public static async Task RunAsync(DaftarDb db, CancellationToken ct)
    {
        while (await db.Files.Where(f => f.SearchText == "").OrderBy(f => f.Id).Take(Batch).ToListAsync(ct) is { Count: > 0 } files)
        {
            foreach (var f in files) f.RefreshSearchText();
            await SaveAsync(db, ct);
        }
        while (await db.Receipts.Where(r => r.SearchText == "").OrderBy(r => r.Id).Take(Batch).ToListAsync(ct) is { Count: > 0 } receipts)
        {
            foreach (var r in receipts) r.RefreshSearchText();
            await SaveAsync(db, ct);
        }
        while (await db.Notes.Where(n => n.IsConfirmed && n.SearchText == null).OrderBy(n => n.Id).Take(Batch).ToListAsync(ct) is { Count: > 0 } notes)
        {
            foreach (var n in notes) n.RefreshSearchText();
            await SaveAsync(db, ct);
        }
    }

    private static async Task SaveAsync(DaftarDb db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
