using System.Security.Cryptography;
using Daftar.Data;
using Daftar.Files;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

public sealed record SignNoteCommand(string? Pin);

/// <summary>
/// Signs the viewer's own green note (detached CMS with a timestamp over its canonical text); with a PIN, the signing
/// session is opened first. The note's rule (green only, the author's post only, once) is <see cref="Note.MaySign"/>.
/// </summary>
public sealed class SignNote(DaftarDb db, Pki pki, UnlockSigner unlock, FileActions files, NoteSignatureQueries queries, TimeProvider clock, AuditActor audit)
{
    public async Task<Result<NoteSignatureView>> HandleAsync(int noteId, SignNoteCommand cmd, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        var note = await queries.VisibleNoteAsync(noteId, viewer, ct);
        if (note is null) return Error.NotFound("Note");
        if (note.MaySign(viewer.PostIds, alreadySigned: note.IsConfirmed && await db.NoteSignatures.AnyAsync(s => s.NoteId == noteId, ct)) is { } refused)
            return FileActions.ToError(refused);

        var unlocked = await unlock.HandleAsync(viewer.EmployeeId, cmd.Pin, ct);
        if (!unlocked.Succeeded) return Result<NoteSignatureView>.Fail(unlocked.Errors);
        using var signer = unlocked.Value!;
        var credential = signer.Credential;
        var (content, post) = await queries.SignedPartsAsync(note, ct);
        var cms = signer.Signer.SignDetached(content);
        var signedAt = TimestampOf(cms) ?? clock.GetUtcNow();
        audit.ActingPostId = note.AuthorPostId;
        db.NoteSignatures.Add(new NoteSignature(noteId, credential, note.AuthorPostId, Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), cms, signedAt, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two signings of one note at the same moment: the unique index keeps the first.
            db.ChangeTracker.Clear();
            return FileActions.ToError(FileError.NoteSigned);
        }
        // The answer is the new signature checked like any other, from what is in hand rather than read back.
        var signerName = await db.Employees.AsNoTracking().Where(e => e.Id == credential.EmployeeId).Select(e => new { e.NameEn, e.Code }).SingleAsync(ct);
        return NoteSignatureQueries.View(noteId, content, cms, signedAt, signerName.NameEn, signerName.Code, post, await pki.TrustAsync(ct));
    }

    private static DateTimeOffset? TimestampOf(byte[] cms)
    {
        var signed = new System.Security.Cryptography.Pkcs.SignedCms();
        signed.Decode(cms);
        foreach (var attribute in signed.SignerInfos[0].UnsignedAttributes)
            if (attribute.Oid.Value == KeySigner.TimestampTokenOid
                && System.Security.Cryptography.Pkcs.Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _))
                return token.TokenInfo.Timestamp;
        return null;
    }
}

/// <summary>The file page's view of note signing (<see cref="INoteSignatures"/>, owned by Files): checking and signing.</summary>
public sealed class FileNoteSignatures(NoteSignatureQueries queries, SignNote sign) : INoteSignatures
{
    public Task<Dictionary<int, NoteSignatureView>> ViewsAsync(IReadOnlyList<Note> notes, CancellationToken ct) => queries.ViewsAsync(notes, ct);

    public Task<Result<NoteSignatureView>> SignAsync(int noteId, string? pin, CancellationToken ct) => sign.HandleAsync(noteId, new SignNoteCommand(pin), ct);
}
