using System.Globalization;
using System.Text;
using Daftar.Data;
using Daftar.Files;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

/// <summary>
/// Checks note signatures. What is signed is the note's canonical text (<see cref="CanonicalContent"/>), rebuilt from the
/// database at every check, so a note changed behind Daftar's back no longer matches its signature.
/// </summary>
public sealed class NoteSignatureQueries(DaftarDb db, Pki pki, FileActions files)
{
    /// <summary>The signature of a note the viewer may see, checked now: text, chain, revocation and timestamp.</summary>
    public async Task<Result<NoteSignatureView>> VerifyAsync(int noteId, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        var note = await VisibleNoteAsync(noteId, viewer, ct);
        if (note is null) return Error.NotFound("Note");
        var views = await ViewsAsync([note], ct);
        return views.TryGetValue(noteId, out var view) ? view : SigningErrors.NotSigned;
    }

    /// <summary>Checks the signatures of several notes (a note sheet) at once, with one trust context.</summary>
    public async Task<Dictionary<int, NoteSignatureView>> ViewsAsync(IReadOnlyList<Note> notes, CancellationToken ct)
    {
        var ids = notes.Select(n => n.Id).ToList();
        // The signatures with their signers, posts, and what each covers (the file's numbers, the author's post) in one
        // statement: a signed note sheet cost five round trips when each was asked for apart.
        var rows = await (
            from s in db.NoteSignatures.AsNoTracking().Where(s => ids.Contains(s.NoteId))
            join e in db.Employees on s.EmployeeId equals e.Id
            join p in db.Posts on s.PostId equals p.Id
            join n in db.Notes on s.NoteId equals n.Id
            join f in db.Files on n.FileId equals f.Id
            join a in db.Posts on n.AuthorPostId equals a.Id
            select new
            {
                s.NoteId,
                s.Cms,
                s.SignedAt,
                SignerName = e.NameEn,
                SignerNameHi = e.NameHi,
                SignerCode = e.Code,
                Post = new SignerPost(p.Id, p.Code, p.Designation.NameEn, p.Designation.NameHi, p.Office.Department.Code),
                f.FileNumber,
                f.ComputerNumber,
                AuthorCode = a.Code,
            }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var trust = await pki.TrustAsync(ct);
        var result = new Dictionary<int, NoteSignatureView>();
        foreach (var r in rows)
        {
            // What each signature covers is rebuilt from the note as it is now.
            var note = notes.Single(n => n.Id == r.NoteId);
            var content = CanonicalContent(r.FileNumber, r.ComputerNumber, note.Number ?? 0, r.AuthorCode, note.ConfirmedAt ?? note.CreatedAt, note.Text);
            result[r.NoteId] = View(r.NoteId, content, r.Cms, r.SignedAt, r.SignerName, r.SignerCode, r.Post, trust) with { SignerNameHi = r.SignerNameHi };
        }
        return result;
    }

    internal sealed record SignerPost(int Id, string Code, string NameEn, string NameHi, string Department);

    internal static NoteSignatureView View(int noteId, byte[] content, byte[] cms, DateTimeOffset signedAt, string signerName, string? signerCode, SignerPost post, TrustContext trust)
    {
        var check = SignatureVerifier.VerifyDetached(content, cms, trust);
        return new NoteSignatureView(noteId, check.Valid, check.ProblemCode, check.Problem, signerName, signerCode, post.Code, post.NameEn, post.NameHi,
            post.Department, check.SignedAt ?? signedAt, check.Timestamped, check.StatusAtSigning, check.StatusNow, check.RevokedAt,
            check.Signer is null ? "" : Certificates.SerialHex(check.Signer), check.Signer?.Issuer ?? "",
            $"/api/notes/{noteId}/signature/content", $"/api/notes/{noteId}/signature/cms");
    }

    /// <summary>The signed bytes and the signature, for checking outside Daftar (openssl cms -verify).</summary>
    public async Task<(byte[] Content, byte[] Cms)?> DownloadAsync(int noteId, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return null;
        var note = await VisibleNoteAsync(noteId, viewer, ct);
        if (note is null) return null;
        var cms = await db.NoteSignatures.Where(s => s.NoteId == noteId).Select(s => s.Cms).SingleOrDefaultAsync(ct);
        return cms is null ? null : (await CanonicalContentAsync(note, ct), cms);
    }

    /// <summary>
    /// What a note signature covers, as UTF-8 text: the file's number and computer number, the note's number, the author's
    /// post, when it was confirmed (to the second, UTC) and its text (NFC, LF line ends).
    /// </summary>
    public async Task<byte[]> CanonicalContentAsync(Note note, CancellationToken ct) => (await SignedPartsAsync(note, ct)).Content;

    /// <summary>The canonical content, and the author's post as a signature view shows it, read together.</summary>
    internal async Task<(byte[] Content, SignerPost Post)> SignedPartsAsync(Note note, CancellationToken ct)
    {
        var file = await db.Files.AsNoTracking().Where(f => f.Id == note.FileId).Select(f => new { f.FileNumber, f.ComputerNumber }).SingleAsync(ct);
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == note.AuthorPostId)
            .Select(p => new SignerPost(p.Id, p.Code, p.Designation.NameEn, p.Designation.NameHi, p.Office.Department.Code)).SingleAsync(ct);
        return (CanonicalContent(file.FileNumber, file.ComputerNumber, note.Number ?? 0, post.Code, note.ConfirmedAt ?? note.CreatedAt, note.Text), post);
    }

    public static byte[] CanonicalContent(string fileNumber, long computerNumber, int noteNumber, string postCode, DateTimeOffset confirmedAt, string text)
    {
        var sb = new StringBuilder();
        sb.Append("Daftar note signature v1\n");
        sb.Append("File number: ").Append(fileNumber).Append('\n');
        sb.Append("Computer number: ").Append(computerNumber.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Note number: ").Append(noteNumber.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Author post: ").Append(postCode).Append('\n');
        sb.Append("Confirmed at: ").Append(confirmedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Text:\n").Append(text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n").Replace('\r', '\n'));
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    internal Task<Note?> VisibleNoteAsync(int noteId, Viewer viewer, CancellationToken ct) =>
        db.Notes.AsNoTracking().Where(n => n.Id == noteId && FileActions.VisibleTo(db.Files, viewer).Any(f => f.Id == n.FileId))
            .Where(n => n.IsConfirmed || viewer.PostIds.Contains(n.AuthorPostId))
            .SingleOrDefaultAsync(ct);
}
