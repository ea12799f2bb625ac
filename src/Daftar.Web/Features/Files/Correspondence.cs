using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Files;

/// <summary>A document as it arrived in a form or a request: its name and a way to read it.</summary>
public sealed record UploadedDocument(string FileName, Func<Stream> Open);

public sealed record AttachDocumentCommand(string? Title);
public sealed record MarkCorrespondenceCommand(bool IsPuc, bool IsFr);

/// <summary>
/// Uploads a document straight into a file's correspondence (a report, a copy of an order, a photograph): it is stored
/// first, so a refused upload changes nothing, then joins the correspondence with the next page numbers.
/// </summary>
public sealed class AttachDocument(FileActions files, BlobStore blobs)
{
    public async Task<Result<int>> HandleAsync(int fileId, AttachDocumentCommand cmd, UploadedDocument? document, CancellationToken ct)
    {
        var v = new Validation();
        var title = v.Optional(cmd.Title, "title", "Title", 500);
        if (document is null) v.Add(Error.Required("file", "Document"));
        if (v.Failed) return Result<int>.Fail(v.Errors);

        // Check the file first (its row only): an upload to a file one may not see, or does not hold, is refused before it is
        // stored. The file is read again, with its correspondence, after the upload, which may take a while on a slow line.
        var loaded = await files.LoadAsync(fileId, ct, FileParts.None);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        if (!loaded.Value!.File.IsHeldBy(loaded.Value.ActingPost.Id)) return FileActions.ToError(FileError.NotInYourCustody);

        StoredBlob blob;
        await using (var stream = document!.Open())
        {
            var stored = await blobs.StoreAsync(stream, ct);
            if (!stored.Succeeded) return Result<int>.Fail(stored.Errors);
            blob = stored.Value!;
        }
        var name = StoredBlob.SafeFileName(document.FileName, blob.ContentType);
        Correspondence? item = null;
        var result = await files.RunAsync(fileId, c =>
        {
            var refused = c.File.AttachDocument(c.ActingPost, title ?? Path.GetFileNameWithoutExtension(name), blob.As(name), files.Now, out var added);
            item = added;
            return Task.FromResult(refused);
        }, ct, FileParts.Correspondence);
        return result.Succeeded ? item!.Order : result;
    }
}

/// <summary>The holder sets the PUC and FR flags of an item of the correspondence.</summary>
public sealed class MarkCorrespondence(FileActions files)
{
    public Task<Result<int>> HandleAsync(int fileId, int order, MarkCorrespondenceCommand cmd, CancellationToken ct) =>
        files.RunAsync(fileId, c => Task.FromResult(c.File.MarkCorrespondence(c.ActingPost, order, cmd.IsPuc, cmd.IsFr)), ct, FileParts.Correspondence);
}

/// <summary>Documents of a file's correspondence, to those who may see the file.</summary>
public sealed class FileDocuments(DaftarDb db, FileActions files)
{
    public async Task<Daftar.Files.Correspondence?> FindAsync(int fileId, int order, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return null;
        return await db.Correspondence.AsNoTracking()
            .Where(c => c.FileId == fileId && c.Order == order && c.BlobHash != null)
            .Where(c => FileActions.VisibleTo(db.Files, viewer).Any(f => f.Id == c.FileId))
            .SingleOrDefaultAsync(ct);
    }
}
