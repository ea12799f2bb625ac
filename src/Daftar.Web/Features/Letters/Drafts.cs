using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Daftar.Data;
using Daftar.Files;
using Daftar.People;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Letters;

public sealed record StartDraftCommand(DraftKind? Kind, DraftLanguage? Language, string? Subject, string? Body, string? Addressee, string? Reference);
public sealed record ReviseDraftCommand(string? Subject, string? Body, string? Addressee, string? Reference);
public sealed record ApproveDraftCommand(int? Version);
public sealed record IssueDraftCommand(string? Pin);

public sealed record DraftVersionView(int Number, string Subject, string Body, string? Addressee, string? Reference, PostRef Author, string AuthorName, DateTimeOffset CreatedAt);
public sealed record LetterView(int Id, string LetterNumber, string VerificationCode, string VerifyUrl, DateTimeOffset IssuedAt, int Signatures, string PdfUrl);
public sealed record DraftView(int Id, int FileId, DraftKind Kind, DraftLanguage Language, DraftStatus Status, int? ApprovedVersion, DateTimeOffset? ApprovedAt,
    IReadOnlyList<DraftVersionView> Versions, LetterView? Letter);
public sealed record DiffLine(string Change, string Text);
public sealed record DraftSummary(int Id, DraftKind Kind, DraftStatus Status, string Subject, int Versions, string? LetterNumber);

/// <summary>
/// Drafts for approval and the letters issued from them: the holder of the file starts and revises a draft (every
/// version kept), an officer senior to the drafter approves one version, and the holder issues it — numbered from the
/// section's dispatch register, rendered by Chromium, signed (PAdES, incremental) and added to the correspondence.
/// </summary>
public sealed class Drafts(DaftarDb db, FileActions files, RunningNumbers numbers, BlobStore blobs, PdfRenderer renderer, Enrolment enrolment,
    SigningSettings signing, NoteText markdown, AuditActor audit, Daftar.Web.Features.Signing.Pki trust)
{
    public static readonly Error RendererMissing = Rendering.Missing;

    private static Validation Check(string? subject, string? body, string? addressee, string? reference, out DraftContent content)
    {
        var v = new Validation();
        content = new DraftContent(v.Required(subject, "subject", "Subject", 500) ?? "", NoteText.Normalise(body ?? "").Trim(),
            v.Optional(addressee?.Replace("\r\n", "\n"), "addressee", "Addressee", 1000), v.Optional(reference, "reference", "Reference", 500));
        if (content.Body.Length == 0) v.Add(Error.Required("body", "Text"));
        else if (content.Body.Length > NoteText.MaxLength) v.Add(Error.TooLong("body", "Text", NoteText.MaxLength));
        return v;
    }

    public async Task<Result<int>> StartAsync(int fileId, StartDraftCommand cmd, CancellationToken ct)
    {
        var v = Check(cmd.Subject, cmd.Body, cmd.Addressee, cmd.Reference, out var content);
        if (cmd.Kind is not { } kind || !Enum.IsDefined(kind)) v.Add(Error.NotInList("kind"));
        if (cmd.Language is { } language && !Enum.IsDefined(language)) v.Add(Error.NotInList("language"));
        if (v.Failed) return Result<int>.Fail(v.Errors);
        Draft? started = null;
        var result = await files.RunAsync(fileId, c =>
        {
            var refused = c.File.StartDraft(c.ActingPost, c.Employee, cmd.Kind!.Value, cmd.Language ?? DraftLanguage.Hindi, content, files.Now, out var draft);
            started = draft;
            return Task.FromResult(refused);
        }, ct, FileParts.None);
        return result.Succeeded ? started!.Id : result;
    }

    public async Task<Result<int>> ReviseAsync(int draftId, ReviseDraftCommand cmd, CancellationToken ct)
    {
        var v = Check(cmd.Subject, cmd.Body, cmd.Addressee, cmd.Reference, out var content);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        return await OnDraftAsync(draftId, (c, draft) => c.File.ReviseDraft(draft, c.ActingPost, c.Employee, content, files.Now), ct);
    }

    public async Task<Result<int>> ApproveAsync(int draftId, ApproveDraftCommand cmd, CancellationToken ct)
    {
        if (cmd.Version is not { } version) return Error.Required("version", "Version");
        return await OnDraftAsync(draftId, (c, draft) => c.File.ApproveDraft(draft, c.ActingPost, c.Employee, version, files.Now), ct);
    }

    private async Task<Result<int>> OnDraftAsync(int draftId, Func<FileContext, Draft, FileError?> action, CancellationToken ct)
    {
        var fileId = await FileOfDraftAsync(draftId, ct);
        if (fileId is null) return Error.NotFound("Draft");
        var result = await files.RunAsync(fileId.Value, async c =>
        {
            var draft = await db.Drafts.Include(d => d.Versions).Include(d => d.CreatedByPost).SingleAsync(d => d.Id == draftId, ct);
            return action(c, draft);
        }, ct, FileParts.None);
        return result.Succeeded ? draftId : result;
    }

    /// <summary>The drafts of a file the viewer may see (the caller has checked the file), newest first.</summary>
    public async Task<IReadOnlyList<DraftSummary>> ForFileAsync(int fileId, CancellationToken ct) =>
        await db.Drafts.AsNoTracking().Where(d => d.FileId == fileId).OrderByDescending(d => d.Id)
            .Select(d => new DraftSummary(d.Id, d.Kind, d.Status, d.Versions.OrderByDescending(v => v.Number).Select(v => v.Subject).First(), d.Versions.Count,
                db.IssuedLetters.Where(l => l.DraftId == d.Id).Select(l => l.LetterNumber).FirstOrDefault()))
            .ToListAsync(ct);

    /// <summary>The draft with every version, for anyone who may see its file.</summary>
    public async Task<Result<DraftView>> GetAsync(int draftId, CancellationToken ct)
    {
        var fileId = await FileOfDraftAsync(draftId, ct);
        if (fileId is null) return Error.NotFound("Draft");
        var loaded = await files.LoadAsync(fileId.Value, ct, FileParts.None);
        if (!loaded.Succeeded) return Error.NotFound("Draft");
        var draft = await db.Drafts.AsNoTracking().Include(d => d.Versions).ThenInclude(v => v.AuthorPost).ThenInclude(p => p.Designation)
            .Include(d => d.Versions).ThenInclude(v => v.Author).SingleAsync(d => d.Id == draftId, ct);
        var letter = await db.IssuedLetters.AsNoTracking().SingleOrDefaultAsync(l => l.DraftId == draftId, ct);
        return new DraftView(draft.Id, draft.FileId, draft.Kind, draft.Language, draft.Status, draft.ApprovedVersionNumber, draft.ApprovedAt,
            draft.Versions.OrderBy(v => v.Number).Select(v => new DraftVersionView(v.Number, v.Subject, v.Body, v.Addressee, v.Reference,
                new PostRef(v.AuthorPost.Id, v.AuthorPost.Code, v.AuthorPost.Designation.NameEn, v.AuthorPost.Designation.NameHi), v.Author.NameEn, v.CreatedAt)).ToList(),
            letter is null ? null : View(letter));
    }

    public LetterView View(IssuedLetter letter) =>
        new(letter.Id, letter.LetterNumber, letter.VerificationCode, VerifyUrl(letter.VerificationCode), letter.IssuedAt, letter.Signatures, $"/api/letters/{letter.Id}/pdf");

    private string VerifyUrl(string code) => $"{signing.PublicUrl}/verify/{code}";

    /// <summary>A readable line diff of two versions (subject, addressee, reference and body).</summary>
    public async Task<Result<IReadOnlyList<DiffLine>>> DiffAsync(int draftId, int from, int to, CancellationToken ct)
    {
        var view = await GetAsync(draftId, ct);
        if (!view.Succeeded) return Result<IReadOnlyList<DiffLine>>.Fail(view.Errors);
        var a = view.Value!.Versions.SingleOrDefault(v => v.Number == from);
        var b = view.Value.Versions.SingleOrDefault(v => v.Number == to);
        if (a is null || b is null) return FileActions.ToError(DraftErrors.NoSuchVersion);
        return Result<IReadOnlyList<DiffLine>>.Ok(LineDiff.Of(Lines(a), Lines(b)));

        static List<string> Lines(DraftVersionView v) =>
            [$"Subject: {v.Subject}", .. (v.Addressee ?? "").Split('\n').Select(l => $"To: {l}"), $"Reference: {v.Reference}", .. v.Body.Split('\n')];
    }

    /// <summary>
    /// Issues the approved version: a number from the section's dispatch register, the PDF from Chromium, the issuing
    /// officer's signature, the letter in the correspondence — all or nothing.
    /// </summary>
    public async Task<Result<LetterView>> IssueAsync(int draftId, IssueDraftCommand cmd, CancellationToken ct)
    {
        var fileId = await FileOfDraftAsync(draftId, ct);
        if (fileId is null) return Error.NotFound("Draft");
        var loaded = await files.LoadAsync(fileId.Value, ct, FileParts.Correspondence);
        if (!loaded.Succeeded) return Result<LetterView>.Fail(loaded.Errors);
        var c = loaded.Value!;
        if (!c.File.IsHeldBy(c.ActingPost.Id)) return FileActions.ToError(FileError.NotInYourCustody);
        var draft = await db.Drafts.Include(d => d.Versions).SingleAsync(d => d.Id == draftId, ct);
        if (draft.Status == DraftStatus.Issued) return FileActions.ToError(DraftErrors.AlreadyIssued);
        if (draft.Status != DraftStatus.Approved) return FileActions.ToError(DraftErrors.NotApproved);
        if (!renderer.IsAvailable) return RendererMissing;

        var unlocked = await enrolment.UnlockAsync(c.Viewer.EmployeeId, cmd.Pin, ct);
        if (!unlocked.Succeeded) return Result<LetterView>.Fail(unlocked.Errors);
        using var signer = unlocked.Value!;

        var post = await PdfSignatures.SigningPostAsync(db, c.ActingPost.Id, ct);
        var section = post.Section?.Code ?? "GEN";
        var now = files.Now;
        var india = now.ToOffset(TimeSpan.FromHours(5.5));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var serial = await numbers.NextAsync($"dispatch/{post.Office.Department.Code}/{section}/{india.Year}", ct);
        var letterNumber = string.Create(CultureInfo.InvariantCulture, $"{c.File.FileNumber}/{serial}");
        var code = NewCode();
        var parts = new LetterParts(draft.Kind, draft.Language, draft.Approved!.Content, post.Office.Department, post.Office, letterNumber,
            DateOnly.FromDateTime(india.DateTime), c.Employee.NameEn, c.Employee.NameHi, post.Designation.NameEn, post.Designation.NameHi, code, VerifyUrl(code));
        byte[] pdf;
        try
        {
            pdf = await renderer.RenderAsync(LetterTemplate.Html(parts, markdown), ct);
        }
        catch (RendererUnavailableException)
        {
            return RendererMissing;
        }
        var signed = PdfSigner.Sign(pdf, signer.Signer, await BlockRequestAsync(signer.Signer.Certificate, post, draft.Language, now, ct), now);
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
        return View(letter);
    }

    /// <summary>
    /// Adds the caller's signature to an issued letter (a joint order): they must hold the file now and not have signed
    /// it already. The signature is appended as an incremental update, so every earlier one stays valid.
    /// </summary>
    public async Task<Result<LetterView>> CoSignAsync(int letterId, IssueDraftCommand cmd, CancellationToken ct)
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

        var unlocked = await enrolment.UnlockAsync(c.Viewer.EmployeeId, cmd.Pin, ct);
        if (!unlocked.Succeeded) return Result<LetterView>.Fail(unlocked.Errors);
        using var signer = unlocked.Value!;
        var post = await PdfSignatures.SigningPostAsync(db, c.ActingPost.Id, ct);
        var language = await db.Drafts.Where(d => d.Id == letter.DraftId).Select(d => d.Language).SingleAsync(ct);
        var signed = PdfSigner.Sign(pdf, signer.Signer, await BlockRequestAsync(signer.Signer.Certificate, post, language, files.Now, ct), files.Now);
        var stored = await blobs.StoreAsync(new MemoryStream(signed), ct);
        if (!stored.Succeeded) return Result<LetterView>.Fail(stored.Errors);
        audit.ActingPostId = post.Id;
        if (c.File.CoSignLetter(letter, c.ActingPost, stored.Value!.Hash, stored.Value.Size) is { } refused) return FileActions.ToError(refused);
        var saved = await files.SaveAsync(c.File.Id, ct);
        return saved.Succeeded ? View(letter) : Result<LetterView>.Fail(saved.Errors);
    }

    /// <summary>A signature whose visible block speaks the letter's language.</summary>
    private Task<PdfSignatureRequest> BlockRequestAsync(X509Certificate2 certificate, Post post, DraftLanguage language, DateTimeOffset now, CancellationToken ct) =>
        PdfSignatures.RequestAsync(renderer, certificate, post, hindi: language != DraftLanguage.English, english: language != DraftLanguage.Hindi, now, ct);

    /// <summary>The file a draft belongs to, or null when there is no such draft.</summary>
    private Task<int?> FileOfDraftAsync(int draftId, CancellationToken ct) =>
        db.Drafts.Where(d => d.Id == draftId).Select(d => (int?)d.FileId).SingleOrDefaultAsync(ct);

    /// <summary>Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L): easy to read out and type.</summary>
    private static string NewCode()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return string.Create(10, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }

    /// <summary>The signed PDF of a letter, for anyone who may see its file.</summary>
    /// <summary>Whether the officer looking at the letter has signed it already (the page then offers no second signature).</summary>
    public async Task<bool> SignedByMeAsync(int letterId, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        var hash = await db.IssuedLetters.Where(l => l.Id == letterId).Select(l => l.PdfHash).SingleOrDefaultAsync(ct);
        return viewer is not null && hash is not null && await blobs.ReadAllAsync(hash, ct) is { } pdf
            && await PdfSignatures.IsSignedByAsync(db, pdf, await trust.TrustAsync(ct), viewer.EmployeeId, ct);
    }

    public async Task<(Stream Content, string FileName)?> PdfAsync(int letterId, CancellationToken ct)
    {
        var letter = await db.IssuedLetters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == letterId, ct);
        if (letter is null || !(await files.LoadAsync(letter.FileId, ct, FileParts.None)).Succeeded) return null;
        return blobs.OpenRead(letter.PdfHash) is { } stream ? (stream, $"{letter.LetterNumber.Replace('/', '-')}.pdf") : null;
    }
}

/// <summary>A line diff by longest common subsequence: enough for drafts of a few hundred lines.</summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Of(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var diff = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y]) { diff.Add(new("same", a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) diff.Add(new("removed", a[x++]));
            else diff.Add(new("added", b[y++]));
        }
        while (x < a.Count) diff.Add(new("removed", a[x++]));
        while (y < b.Count) diff.Add(new("added", b[y++]));
        return diff;
    }
}
