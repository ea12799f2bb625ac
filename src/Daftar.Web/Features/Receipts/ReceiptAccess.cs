using Daftar.Data;
using Daftar.Files;
using Daftar.People;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Receipts;

/// <summary>
/// Who sees a receipt (the posts it passed through, and its section for a normal one) and what every receipt operation
/// shares: the receipt with the post the caller acts as, and running an entity rule on it under the file actions' save.
/// </summary>
public sealed class ReceiptAccess(DaftarDb db, FileActions files, AuditActor audit)
{
    public static IQueryable<Receipt> VisibleTo(IQueryable<Receipt> receipts, Viewer viewer) =>
        receipts.Where(r => r.Movements.Any(m => viewer.PostIds.Contains(m.ToPostId) || viewer.PostIds.Contains(m.FromPostId))
                            || (r.Grading == Grading.Normal && viewer.SectionIds.Contains(r.SectionId)));

    /// <summary>The same rule as <see cref="VisibleTo"/>, as the set of visible receipt ids (see <see cref="FileActions.VisibleIds"/>).</summary>
    public static IQueryable<int> VisibleIds(DaftarDb db, Viewer viewer) =>
        db.ReceiptMovements.Where(m => viewer.PostIds.Contains(m.ToPostId) || viewer.PostIds.Contains(m.FromPostId)).Select(m => m.ReceiptId)
            .Union(db.Receipts.Where(r => r.Grading == Grading.Normal && viewer.SectionIds.Contains(r.SectionId)).Select(r => r.Id));

    /// <summary>The newest <paramref name="count"/> of <see cref="VisibleIds"/>, newest first, each part of the rule read
    /// backwards from its own index and stopped after <paramref name="count"/>, below <paramref name="below"/>
    /// (see <see cref="FileActions.NewestVisibleIds"/>).</summary>
    public static IQueryable<int> NewestVisibleIds(DaftarDb db, Viewer viewer, int count, int below = int.MaxValue)
    {
        IQueryable<int>? newest = null;
        void Add(IQueryable<int> part) => newest = newest is null ? part : newest.Union(part);
        foreach (var postId in viewer.PostIds)
        {
            // A receipt sent to a post twice has two movements: the distinct ids, so that a part never holds fewer than it may.
            Add(db.ReceiptMovements.Where(m => m.ToPostId == postId && m.ReceiptId < below).Select(m => m.ReceiptId).Distinct().OrderByDescending(id => id).Take(count));
            Add(db.ReceiptMovements.Where(m => m.FromPostId == postId && m.ReceiptId < below).Select(m => m.ReceiptId).Distinct().OrderByDescending(id => id).Take(count));
        }
        foreach (var sectionId in viewer.SectionIds)
            Add(db.Receipts.Where(r => r.SectionId == sectionId && r.Grading == Grading.Normal && r.Id < below).Select(r => r.Id)
                .OrderByDescending(id => id).Take(count));
        return newest!.OrderByDescending(id => id).Take(count);
    }

    public async Task<(Receipt? Receipt, Viewer? Viewer, Post? Post, Employee? By, Error? Error)> LoadAsync(int id, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return (null, null, null, null, FilesErrors.NoPost);
        var receipt = await VisibleTo(db.Receipts, viewer).Include(r => r.Documents).Include(r => r.Movements).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (receipt is null) return (null, null, null, null, Error.NotFound("Receipt"));
        var postId = viewer.PostIds.Contains(receipt.HolderPostId) ? receipt.HolderPostId : viewer.ActingPostId ?? viewer.PostIds[0];
        audit.ActingPostId = postId;
        return (receipt, viewer, await db.Posts.SingleAsync(p => p.Id == postId, ct), await db.Employees.SingleAsync(e => e.Id == viewer.EmployeeId, ct), null);
    }

    public async Task<Result<int>> RunAsync(int id, Func<Receipt, Post, Employee, FileError?> action, CancellationToken ct)
    {
        var (receipt, _, post, by, error) = await LoadAsync(id, ct);
        if (error is not null) return error;
        var refused = action(receipt!, post!, by!);
        if (refused is not null) return FileActions.ToError(refused);
        return await files.SaveAsync(id, ct);
    }
}
