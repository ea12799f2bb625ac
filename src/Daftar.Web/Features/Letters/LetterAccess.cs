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
/// What every draft and letter operation shares: the draft's file (whose rules decide who may act), the form's checks,
/// the letter as the API shows it, and the signature block in the letter's language.
/// </summary>
public sealed class LetterAccess(DaftarDb db, FileActions files, PdfRenderer renderer, SigningSettings signing)
{
    public static Validation Check(string? subject, string? body, string? addressee, string? reference, out DraftContent content)
    {
        var v = new Validation();
        content = new DraftContent(v.Required(subject, "subject", "Subject", 500) ?? "", NoteText.Normalise(body ?? "").Trim(),
            v.Optional(addressee?.Replace("\r\n", "\n"), "addressee", "Addressee", 1000), v.Optional(reference, "reference", "Reference", 500));
        if (content.Body.Length == 0) v.Add(Error.Required("body", "Text"));
        else if (content.Body.Length > NoteText.MaxLength) v.Add(Error.TooLong("body", "Text", NoteText.MaxLength));
        return v;
    }

    public async Task<Result<int>> OnDraftAsync(int draftId, Func<FileContext, Draft, FileError?> action, CancellationToken ct)
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

    public LetterView View(IssuedLetter letter) =>
        new(letter.Id, letter.LetterNumber, letter.VerificationCode, VerifyUrl(letter.VerificationCode), letter.IssuedAt, letter.Signatures, $"/api/letters/{letter.Id}/pdf");

    public string VerifyUrl(string code) => $"{signing.PublicUrl}/verify/{code}";

    /// <summary>A signature whose visible block speaks the letter's language.</summary>
    public Task<PdfSignatureRequest> BlockRequestAsync(X509Certificate2 certificate, Post post, DraftLanguage language, DateTimeOffset now, CancellationToken ct) =>
        PdfSignatures.RequestAsync(renderer, certificate, post, hindi: language != DraftLanguage.English, english: language != DraftLanguage.Hindi, now, ct);

    /// <summary>The file a draft belongs to, or null when there is no such draft.</summary>
    public Task<int?> FileOfDraftAsync(int draftId, CancellationToken ct) =>
        db.Drafts.Where(d => d.Id == draftId).Select(d => (int?)d.FileId).SingleOrDefaultAsync(ct);

    /// <summary>Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L): easy to read out and type.</summary>
    public static string NewCode()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return string.Create(10, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
