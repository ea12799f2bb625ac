using Daftar.Data;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Infrastructure;

/// <summary>
/// What must hold in any Daftar database, whatever happened to it (a crash, a restore, a race): each file and receipt is
/// held by the post its last movement went to, numbers are never given twice, and a file's green notes are numbered
/// 1..n without holes. Returns every breach found, so a failing test says what is wrong.
/// </summary>
public static class Invariants
{
    public static async Task<List<string>> BreachesAsync(DaftarDb db)
    {
        var breaches = new List<string>();
        var files = await db.Files.AsNoTracking().Select(f => new { f.Id, f.HolderPostId, f.FileNumber, f.ComputerNumber }).ToListAsync();
        var lastMoves = (await db.Movements.AsNoTracking().Select(m => new { m.FileId, m.Id, m.ToPostId }).ToListAsync())
            .GroupBy(m => m.FileId).ToDictionary(g => g.Key, g => g.MaxBy(m => m.Id)!.ToPostId);
        foreach (var file in files)
        {
            if (!lastMoves.TryGetValue(file.Id, out var to)) breaches.Add($"file {file.Id} has no movement");
            else if (to != file.HolderPostId) breaches.Add($"file {file.Id} is held by post {file.HolderPostId} but its last movement went to {to}");
        }
        breaches.AddRange(files.GroupBy(f => f.FileNumber).Where(g => g.Count() > 1).Select(g => $"file number {g.Key} given {g.Count()} times"));
        breaches.AddRange(files.GroupBy(f => f.ComputerNumber).Where(g => g.Count() > 1).Select(g => $"computer number {g.Key} given {g.Count()} times"));

        var receipts = await db.Receipts.AsNoTracking().Select(r => new { r.Id, r.HolderPostId, r.DiarisedByPostId, r.DiaryNumber }).ToListAsync();
        var receiptMoves = (await db.ReceiptMovements.AsNoTracking().Select(m => new { m.ReceiptId, m.Id, m.ToPostId }).ToListAsync())
            .GroupBy(m => m.ReceiptId).ToDictionary(g => g.Key, g => g.MaxBy(m => m.Id)!.ToPostId);
        foreach (var receipt in receipts)
        {
            var expected = receiptMoves.TryGetValue(receipt.Id, out var to) ? to : receipt.DiarisedByPostId;
            if (expected != receipt.HolderPostId) breaches.Add($"receipt {receipt.Id} is held by post {receipt.HolderPostId} but should be with {expected}");
        }
        breaches.AddRange(receipts.GroupBy(r => r.DiaryNumber).Where(g => g.Count() > 1).Select(g => $"diary number {g.Key} given {g.Count()} times"));

        var notes = await db.Notes.AsNoTracking().Where(n => n.IsConfirmed).Select(n => new { n.FileId, n.Number }).ToListAsync();
        foreach (var file in notes.GroupBy(n => n.FileId))
        {
            var numbers = file.Select(n => n.Number ?? 0).Order().ToList();
            if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count))) breaches.Add($"file {file.Key} has green notes numbered {string.Join(",", numbers)}");
        }
        return breaches;
    }
}
