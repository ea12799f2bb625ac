using System.Globalization;
using Daftar.Data;
using Daftar.Files;
using Daftar.People;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Receipts;

public sealed record DiariseReceiptCommand(string? Sender, string? LetterNumber, DateOnly? LetterDate, DateOnly? ReceivedOn, string? Subject,
    string? Category, ReceiptMode Mode = ReceiptMode.Post, string? Language = "hi", Grading Grading = Grading.Normal);
public sealed record DiarisedReceipt(int Id, string DiaryNumber);
public sealed record PutInFileCommand(int? FileId, string? NewFileSubject, int? HeadNumber);

/// <summary>A scan of a receipt; <see cref="Url"/> is its address in the API.</summary>
public sealed record ReceiptDocumentView(int Order, string FileName, string ContentType, long Size, string Url);
public sealed record ReceiptView(int Id, string DiaryNumber, string Sender, string? LetterNumber, DateOnly? LetterDate, DateOnly ReceivedOn, string Subject,
    string? Category, ReceiptMode Mode, string Language, Grading Grading, bool IsElectronic, ReceiptStatus Status, PostRef Holder, int? FileId, string? FileNumber,
    IReadOnlyList<ReceiptDocumentView> Documents, bool CanAct);
public sealed record ReceiptRow(int Id, string DiaryNumber, string Subject, string Sender, DateOnly ReceivedOn, ReceiptStatus Status, Grading Grading, int Documents);

/// <summary>Diarises inward dak in the acting post's section: diary number 81829/2026/DOIT-GR1, scanned pages stored first.</summary>
public sealed class DiariseReceipt(DaftarDb db, FileActions files, RunningNumbers numbers, BlobStore blobs, AuditActor audit)
{
    /// <summary>The next diary number of a section's inward register, e.g. 81829/2026/DOIT-GR1 (inside the caller's transaction).</summary>
    public static async Task<string> NextDiaryNumberAsync(RunningNumbers numbers, Daftar.People.Department department, Daftar.People.Section section, int year, CancellationToken ct)
    {
        var yearText = year.ToString(CultureInfo.InvariantCulture);
        var serial = await numbers.NextAsync($"diary/{department.Code}/{section.Code}/{yearText}", ct);
        return string.Create(CultureInfo.InvariantCulture, $"{serial}/{yearText}/{department.Code}-{section.Code.Replace("-", "")}");
    }

    public const int MaxDocuments = 20;

    public async Task<Result<DiarisedReceipt>> HandleAsync(DiariseReceiptCommand cmd, IReadOnlyList<UploadedDocument> documents, CancellationToken ct)
    {
        var v = new Validation();
        var sender = v.Required(cmd.Sender, "sender", "Sender", 300);
        var letterNumber = v.Optional(cmd.LetterNumber, "letterNumber", "Letter number", 100);
        var subject = v.Required(cmd.Subject, "subject", "Subject", 500);
        var category = v.Optional(cmd.Category, "category", "Category", 100);
        var today = OfficeTime.DateOf(files.Now);
        var receivedOn = cmd.ReceivedOn ?? today;
        if (receivedOn > today) v.Add(ReceiptsErrors.DateInFuture);
        if (cmd.LetterDate > receivedOn) v.Add(ReceiptsErrors.LetterAfterReceipt);
        if (!Enum.IsDefined(cmd.Mode)) v.Add(Error.NotInList("mode"));
        if (!Enum.IsDefined(cmd.Grading)) v.Add(Error.NotInList("grading"));
        if (cmd.Language is not ("hi" or "en" or "both")) v.Add(Error.NotInList("language"));
        if (documents.Count > MaxDocuments) v.Add(ReceiptsErrors.TooManyDocuments(MaxDocuments));
        if (v.Failed) return Result<DiarisedReceipt>.Fail(v.Errors);

        var viewer = await files.ViewerAsync(ct);
        if (viewer?.ActingPostId is not { } postId) return FilesErrors.NoPost;
        var post = await db.Posts.Include(p => p.Section).Include(p => p.Office).ThenInclude(o => o.Department).SingleAsync(p => p.Id == postId, ct);
        if (post.Section is null)
            return ReceiptsErrors.NoSection;

        // Documents first: a refused or failed upload must not use up a diary number.
        var stored = new List<CorrespondenceDocument>();
        foreach (var d in documents)
        {
            await using var stream = d.Open();
            var blob = await blobs.StoreAsync(stream, ct);
            if (!blob.Succeeded) return Result<DiarisedReceipt>.Fail(blob.Errors.Select(e => e with { Field = "documents" }).ToList());
            stored.Add(blob.Value!.As(d.FileName));
        }

        var employee = await db.Employees.SingleAsync(e => e.Id == viewer.EmployeeId, ct);
        audit.ActingPostId = post.Id;
        var department = post.Office.Department;
        var year = receivedOn.Year.ToString(CultureInfo.InvariantCulture);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var diaryNumber = await NextDiaryNumberAsync(numbers, department, post.Section, receivedOn.Year, ct);
        var receipt = new Receipt(diaryNumber, department, post.Section, post, employee,
            new ReceiptParticulars(sender!, letterNumber, cmd.LetterDate, receivedOn, subject!, category, cmd.Mode, cmd.Language ?? "hi", cmd.Grading, stored.Count > 0), files.Now);
        foreach (var document in stored) receipt.Attach(document);
        db.Receipts.Add(receipt);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DiarisedReceipt(receipt.Id, receipt.DiaryNumber);
    }
}

/// <summary>Receipts, under the same rules as files: the holder acts; holders past and the section (normal grading) see.</summary>
public sealed class ReceiptActions(DaftarDb db, FileActions files, CreateFile createFile, AuditActor audit, Daftar.Web.Features.Notifications.Notifier notifier)
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

    private async Task<(Receipt? Receipt, Viewer? Viewer, Post? Post, Employee? By, Error? Error)> LoadAsync(int id, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return (null, null, null, null, FilesErrors.NoPost);
        var receipt = await VisibleTo(db.Receipts, viewer).Include(r => r.Documents).Include(r => r.Movements).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (receipt is null) return (null, null, null, null, Error.NotFound("Receipt"));
        var postId = viewer.PostIds.Contains(receipt.HolderPostId) ? receipt.HolderPostId : viewer.ActingPostId ?? viewer.PostIds[0];
        audit.ActingPostId = postId;
        return (receipt, viewer, await db.Posts.SingleAsync(p => p.Id == postId, ct), await db.Employees.SingleAsync(e => e.Id == viewer.EmployeeId, ct), null);
    }

    /// <summary>A receipt the caller may see, or one put into a file they may see (its PUC or FR).</summary>
    public async Task<Result<ReceiptView>> GetAsync(int id, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        var visibleFiles = FileActions.VisibleTo(db.Files, viewer).Select(f => (int?)f.Id);
        var r = await db.Receipts.AsNoTracking().Include(x => x.Documents)
            .Where(x => x.Id == id)
            .Where(x => VisibleTo(db.Receipts, viewer).Any(v => v.Id == x.Id) || visibleFiles.Contains(x.FileId))
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
            .Where(d => VisibleTo(db.Receipts, viewer).Any(r => r.Id == d.ReceiptId) || visibleFiles.Contains(d.Receipt.FileId))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<Result<IReadOnlyList<ReceiptRow>>> ListAsync(ReceiptStatus status, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        var query = status == ReceiptStatus.Open
            ? db.Receipts.Where(r => viewer.PostIds.Contains(r.HolderPostId) && r.Status == ReceiptStatus.Open)
            : VisibleTo(db.Receipts, viewer).Where(r => r.Status == status);
        return await query.OrderByDescending(r => r.Id).Take(200)
            .Select(r => new ReceiptRow(r.Id, r.DiaryNumber, r.Subject, r.Sender, r.ReceivedOn, r.Status, r.Grading, r.Documents.Count))
            .ToListAsync(ct);
    }

    public async Task<Result<int>> SendAsync(int id, SendFileCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", RemarksCommand.MaxLength);
        if (cmd.ToPostId is null) v.Add(Error.Required("toPostId", "Send to"));
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var to = await db.Posts.SingleOrDefaultAsync(p => p.Id == cmd.ToPostId && p.IsActive, ct);
        if (to is null) return Error.Unknown("toPostId", "Post");
        string? subject = null;
        var result = await RunAsync(id, (r, post, by) =>
        {
            subject = r.Subject;
            return r.SendTo(post, to, by, remarks, files.Now);
        }, ct);
        if (result.Succeeded)
            await notifier.ToPostAsync(to.Id, new Daftar.Web.Features.Notifications.Notice("receipt", subject!, $"/Receipts/View?id={id}"));
        return result;
    }

    public Task<Result<int>> CloseAsync(int id, CancellationToken ct) => RunAsync(id, (r, post, _) => r.Close(post), ct);

    /// <summary>
    /// Puts the receipt into a file the holder holds, or opens a new file for it (subject from the receipt unless given).
    /// A new file and the receipt's move into it commit together: if the receipt changed meanwhile, no file is left behind.
    /// </summary>
    public async Task<Result<int>> PutInFileAsync(int id, PutInFileCommand cmd, CancellationToken ct)
    {
        var (receipt, _, post, _, error) = await LoadAsync(id, ct);
        if (error is not null) return error;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fileId = cmd.FileId;
        if (fileId is null)
        {
            if (receipt!.HolderPostId != post!.Id || receipt.Status != ReceiptStatus.Open) return FileActions.ToError(receipt.Status != ReceiptStatus.Open ? FileError.ReceiptNotOpen : FileError.NotInYourCustody);
            var created = await createFile.HandleAsync(new CreateFileCommand(cmd.NewFileSubject ?? receipt.Subject, cmd.HeadNumber, receipt.Category, Grading: receipt.Grading), ct, asPostId: post.Id);
            if (!created.Succeeded) return created;
            fileId = created.Value;
        }
        var loaded = await files.LoadAsync(fileId.Value, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var refused = receipt!.PutInto(loaded.Value!.File, post!, files.Now);
        if (refused is not null) return FileActions.ToError(refused);
        var saved = await files.SaveAsync(fileId.Value, ct);
        if (saved.Succeeded) await tx.CommitAsync(ct);
        return saved;
    }

    private async Task<Result<int>> RunAsync(int id, Func<Receipt, Post, Employee, FileError?> action, CancellationToken ct)
    {
        var (receipt, _, post, by, error) = await LoadAsync(id, ct);
        if (error is not null) return error;
        var refused = action(receipt!, post!, by!);
        if (refused is not null) return FileActions.ToError(refused);
        return await files.SaveAsync(id, ct);
    }
}
