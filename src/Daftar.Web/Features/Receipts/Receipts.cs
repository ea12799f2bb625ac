using System.Globalization;
using Daftar.Data;
using Daftar.Files;
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
