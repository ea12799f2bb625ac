using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>Gives an agenda item its owner post and, optionally, a document (PDF or image), which invitees can open.</summary>
public sealed class AssignAgendaItem(DaftarDb db, MeetingAccess access, BlobStore blobs)
{
    public async Task<Result<int>> HandleAsync(int id, int order, int? ownerPostId, Files.UploadedDocument? document, CancellationToken ct)
    {
        var loaded = await access.LoadForManagerAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var item = loaded.Value!.Agenda.FirstOrDefault(a => a.Order == order);
        if (item is null) return Error.NotFound("Agenda item");
        if (ownerPostId is { } owner && !await db.Posts.AnyAsync(p => p.Id == owner && p.IsActive, ct)) return Error.Unknown("ownerPostId", "Post");
        if (document is not null)
        {
            await using var stream = document.Open();
            var stored = await blobs.StoreAsync(stream, ct);
            if (!stored.Succeeded) return Result<int>.Fail(stored.Errors);
            item.AttachDocument(stored.Value!.Hash, StoredBlob.SafeFileName(document.FileName, stored.Value!.ContentType));
        }
        item.Assign(ownerPostId);
        if (await access.SaveAsync(ct) is { } conflict) return conflict;
        return order;
    }
}
