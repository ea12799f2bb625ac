using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Receipts;

/// <summary>Receipts as the pages and the API read them: one receipt, a list by status, a scanned document.</summary>
public sealed class ReceiptQueries(DaftarDb db, FileActions files)
{
    /// <summary>A receipt the caller may see, or one put into a file they may see (its PUC or FR).</summary>
    public async Task<Result<ReceiptView>> GetAsync(int id, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        var visibleFiles = FileActions.VisibleTo(db.Files, viewer).Select(f => (int?)f.Id);
        var r = await db.Receipts.AsNoTracking().Include(x => x.Documents)
            .Where(x => x.Id == id)
            .Where(x => ReceiptAccess.VisibleTo(db.Receipts, viewer).Any(v => v.Id == x.Id) || visibleFiles.Contains(x.FileId))
            .SingleOrDefaultAsync(ct);
        if (r is null) return Error.NotFound("Receipt");
        var holder = await db.Posts.Where(p => p.Id == r!.HolderPostId)
            .Select(p => new PostRef(p.Id, p.Code, p.Designation.NameEn + ", " + p.Office.NameEn, p.Designation.NameHi + ", " + p.Office.NameHi)).SingleAsync(ct);
        var fileNumber = r!.FileId is null ? null : await db.Files.Where(f => f.Id == r.FileId).Select(f => f.FileNumber).SingleAsync(ct);
        return new ReceiptView(r.Id, r.DiaryNumber, r.Sender, r.LetterNumber, r.LetterDate, r.ReceivedOn, r.Subject, r.Category, r.Mode, r.Language, r.Grading,
            r.IsElectronic, r.Status, holder, r.FileId, fileNumber,
            r.Documents.OrderBy(d => d.Order).Select(d => new ReceiptDocumentView(d.Order, d.FileName, d.ContentType, d.Size, $"/api/receipts/{r.Id}/documents/{d.Order}")).ToList(),
            viewer!.PostIds.Contains(r.HolderPostId) && r.Status == ReceiptStatus.Open);
    }

    /// <summary>The blob of one document of a receipt the caller may see, or of a receipt put into a file they may see.</summary>
    public async Task<ReceiptDocument?> DocumentAsync(int id, int order, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return null;
        var visibleFiles = FileActions.VisibleTo(db.Files, viewer).Select(f => (int?)f.Id);
        return await db.ReceiptDocuments.AsNoTracking()
            .Where(d => d.ReceiptId == id && d.Order == order)
            .Where(d => ReceiptAccess.VisibleTo(db.Receipts, viewer).Any(r => r.Id == d.ReceiptId) || visibleFiles.Contains(d.Receipt.FileId))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<Result<IReadOnlyList<ReceiptRow>>> ListAsync(ReceiptStatus status, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        var query = status == ReceiptStatus.Open
            ? db.Receipts.Where(r => viewer.PostIds.Contains(r.HolderPostId) && r.Status == ReceiptStatus.Open)
            : ReceiptAccess.VisibleTo(db.Receipts, viewer).Where(r => r.Status == status);
        return await query.OrderByDescending(r => r.Id).Take(200)
            .Select(r => new ReceiptRow(r.Id, r.DiaryNumber, r.Subject, r.Sender, r.ReceivedOn, r.Status, r.Grading, r.Documents.Count))
            .ToListAsync(ct);
    }
}
