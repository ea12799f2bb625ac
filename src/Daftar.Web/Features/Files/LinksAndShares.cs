using System.Globalization;
using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Features.Notifications;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Files;

public sealed record LinkFileCommand(string? File, string? Remarks);
public sealed record ShareFileCommand(int? PostId, string? Remarks);

/// <summary>Links the file held to another file the officer may see, given by its computer number or file number.</summary>
public sealed class LinkFile(DaftarDb db, FileActions files)
{
    public async Task<Result<int>> HandleAsync(int fileId, LinkFileCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var reference = v.Required(cmd.File, "file", "File to link", 100);
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", 500);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        // The file acted on is loaded first (404 when the caller may not see it), so the answer says nothing about the other file.
        var loaded = await files.LoadAsync(fileId, ct, FileParts.Links);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var c = loaded.Value!;
        var visible = FileActions.VisibleTo(db.Files, c.Viewer).Include(f => f.Links);
        var other = long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await visible.SingleOrDefaultAsync(f => f.ComputerNumber == number, ct)
            : await visible.SingleOrDefaultAsync(f => f.FileNumber == reference!.ToUpperInvariant(), ct);
        if (other is null)
            return FilesErrors.LinkedFileNotFound;
        if (c.File.LinkTo(other, c.ActingPost, remarks, files.Now) is { } refused) return FileActions.ToError(refused);
        return await files.SaveAsync(fileId, ct);
    }

    public async Task<Result<int>> UnlinkAsync(int fileId, int linkedFileId, CancellationToken ct)
    {
        // Whether two files are linked is itself something only those who may see the file learn: load it first.
        var loaded = await files.LoadAsync(fileId, ct, FileParts.Links);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var c = loaded.Value!;
        var other = await FileActions.VisibleTo(db.Files, c.Viewer).Include(f => f.Links).SingleOrDefaultAsync(f => f.Id == linkedFileId, ct);
        if (other is null) return FileActions.ToError(FileError.NotLinked);
        if (c.File.Unlink(other, c.ActingPost) is { } refused) return FileActions.ToError(refused);
        return await files.SaveAsync(fileId, ct);
    }
}

/// <summary>Shares the file held with another post for reading ("copy for information"); that post is told live.</summary>
public sealed class ShareFile(DaftarDb db, FileActions files, Notifier notifier)
{
    public async Task<Result<int>> HandleAsync(int fileId, ShareFileCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", 500);
        if (cmd.PostId is null) v.Add(Error.Required("postId", "Share with"));
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var with = await db.Posts.SingleOrDefaultAsync(p => p.Id == cmd.PostId && p.IsActive, ct);
        if (with is null) return Error.Unknown("postId", "Post");
        string? subject = null;
        var result = await files.RunAsync(fileId, c =>
        {
            subject = c.File.Subject;
            return Task.FromResult(c.File.ShareWith(c.ActingPost, with, c.Employee, remarks, files.Now));
        }, ct);
        if (result.Succeeded) await notifier.ToPostAsync(with.Id, new Notice("shared", subject!, $"/Files/View?id={fileId}"));
        return result;
    }

    public Task<Result<int>> StopAsync(int fileId, int postId, CancellationToken ct) =>
        files.RunAsync(fileId, c => Task.FromResult(c.File.StopSharing(c.ActingPost, postId)), ct);
}
