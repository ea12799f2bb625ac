using System.Globalization;
using Daftar.Data;
using Daftar.Files;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Letters;

/// <summary>
/// Issues the approved version: a number from the section's dispatch register, the PDF from Chromium, the issuing
/// officer's signature, the letter in the correspondence — all or nothing.
/// </summary>
public sealed class IssueLetter(DaftarDb db, FileActions files, LetterAccess letters, RunningNumbers numbers, BlobStore blobs, PdfRenderer renderer,
    UnlockSigner unlock, NoteText markdown, AuditActor audit)
{
    public async Task<Result<LetterView>> HandleAsync(int draftId, IssueDraftCommand cmd, CancellationToken ct)
    {
        var fileId = await letters.FileOfDraftAsync(draftId, ct);
        if (fileId is null) return Error.NotFound("Draft");
        var loaded = await files.LoadAsync(fileId.Value, ct, FileParts.Correspondence);
        if (!loaded.Succeeded) return Result<LetterView>.Fail(loaded.Errors);
        var c = loaded.Value!;
        if (!c.File.IsHeldBy(c.ActingPost.Id)) return FileActions.ToError(FileError.NotInYourCustody);
        var draft = await db.Drafts.Include(d => d.Versions).SingleAsync(d => d.Id == draftId, ct);
        if (draft.Status == DraftStatus.Issued) return FileActions.ToError(DraftErrors.AlreadyIssued);
        if (draft.Status != DraftStatus.Approved) return FileActions.ToError(DraftErrors.NotApproved);
        if (!renderer.IsAvailable) return Rendering.Missing;

        var unlocked = await unlock.HandleAsync(c.Viewer.EmployeeId, cmd.Pin, ct);
        if (!unlocked.Succeeded) return Result<LetterView>.Fail(unlocked.Errors);
        using var signer = unlocked.Value!;

        var post = await PdfSignatures.SigningPostAsync(db, c.ActingPost.Id, ct);
        var section = post.Section?.Code ?? "GEN";
        var now = files.Now;
        var india = now.ToOffset(TimeSpan.FromHours(5.5));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var serial = await numbers.NextAsync($"dispatch/{post.Office.Department.Code}/{section}/{india.Year}", ct);
        var letterNumber = string.Create(CultureInfo.InvariantCulture, $"{c.File.FileNumber}/{serial}");
        var code = LetterAccess.NewCode();
        var parts = new LetterParts(draft.Kind, draft.Language, draft.Approved!.Content, post.Office.Department, post.Office, letterNumber,
            DateOnly.FromDateTime(india.DateTime), c.Employee.NameEn, c.Employee.NameHi, post.Designation.NameEn, post.Designation.NameHi, code, letters.VerifyUrl(code));
        byte[] pdf;
        try
        {
            pdf = await renderer.RenderAsync(LetterTemplate.Html(parts, markdown), ct);
        }
        catch (RendererUnavailableException)
        {
            return Rendering.Missing;
        }
        var signed = PdfSigner.Sign(pdf, signer.Signer, await letters.BlockRequestAsync(signer.Signer.Certificate, post, draft.Language, now, ct), now);
        var stored = await blobs.StoreAsync(new MemoryStream(signed), ct);
        if (!stored.Succeeded) return Result<LetterView>.Fail(stored.Errors);

        audit.ActingPostId = post.Id;
        var fileName = $"letter-{letterNumber.Replace('/', '-').Replace('(', '-').Replace(")", "")}.pdf";
        var refused = c.File.IssueDraft(draft, c.ActingPost, draft.Approved.Subject, stored.Value!.As(fileName), now, out _);
        if (refused is not null) return FileActions.ToError(refused);
        var letter = new IssuedLetter(draft, letterNumber, code, c.ActingPost, c.Employee, stored.Value.Hash, stored.Value.Size, now);
        db.IssuedLetters.Add(letter);
        var saved = await files.SaveAsync(c.File.Id, ct);
        if (!saved.Succeeded) return Result<LetterView>.Fail(saved.Errors);
        await tx.CommitAsync(ct);
        return letters.View(letter);
    }
}

/// <summary>
/// Adds the caller's signature to an issued letter (a joint order): they must hold the file now and not have signed
/// it already. The signature is appended as an incremental update, so every earlier one stays valid.
/// </summary>
public sealed class CoSignLetter(DaftarDb db, FileActions files, LetterAccess letters, BlobStore blobs, UnlockSigner unlock, AuditActor audit,
    Daftar.Web.Features.Signing.Pki trust)
{
    public async Task<Result<LetterView>> HandleAsync(int letterId, IssueDraftCommand cmd, CancellationToken ct)
    {
        var fileId = await db.IssuedLetters.Where(l => l.Id == letterId).Select(l => (int?)l.FileId).SingleOrDefaultAsync(ct);
        if (fileId is null) return Error.NotFound("Letter");
        var loaded = await files.LoadAsync(fileId.Value, ct, FileParts.Correspondence);
        if (!loaded.Succeeded) return Error.NotFound("Letter");
        var c = loaded.Value!;
        if (!c.File.IsHeldBy(c.ActingPost.Id)) return FileActions.ToError(FileError.NotInYourCustody);
        var letter = await db.IssuedLetters.SingleAsync(l => l.Id == letterId, ct);
        if (await blobs.ReadAllAsync(letter.PdfHash, ct) is not { } pdf) return Error.NotFound("Letter");
        if (await PdfSignatures.IsSignedByAsync(db, pdf, await trust.TrustAsync(ct), c.Employee.Id, ct))
            return LettersErrors.LetterSigned;

        var unlocked = await unlock.HandleAsync(c.Viewer.EmployeeId, cmd.Pin, ct);
        if (!unlocked.Succeeded) return Result<LetterView>.Fail(unlocked.Errors);
        using var signer = unlocked.Value!;
        var post = await PdfSignatures.SigningPostAsync(db, c.ActingPost.Id, ct);
        var language = await db.Drafts.Where(d => d.Id == letter.DraftId).Select(d => d.Language).SingleAsync(ct);
        var signed = PdfSigner.Sign(pdf, signer.Signer, await letters.BlockRequestAsync(signer.Signer.Certificate, post, language, files.Now, ct), files.Now);
        var stored = await blobs.StoreAsync(new MemoryStream(signed), ct);
        if (!stored.Succeeded) return Result<LetterView>.Fail(stored.Errors);
        audit.ActingPostId = post.Id;
        if (c.File.CoSignLetter(letter, c.ActingPost, stored.Value!.Hash, stored.Value.Size) is { } refused) return FileActions.ToError(refused);
        var saved = await files.SaveAsync(c.File.Id, ct);
        return saved.Succeeded ? letters.View(letter) : Result<LetterView>.Fail(saved.Errors);
    }
}
