using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Files;

public sealed record SaveNoteCommand(string? Text);
public sealed record SendFileCommand(int? ToPostId, string? Remarks, Priority Priority = Priority.Normal, DateOnly? DueOn = null);
public sealed record RemarksCommand(string? Remarks)
{
    /// <summary>As long as a movement's remarks may be.</summary>
    public const int MaxLength = 2000;
}

/// <summary>Writes or edits the acting post's yellow (draft) note on a file it holds.</summary>
public sealed class SaveNote(FileActions files, NoteText noteText)
{
    public async Task<Result<int>> HandleAsync(int fileId, SaveNoteCommand cmd, CancellationToken ct)
    {
        var text = NoteText.Normalise(cmd.Text ?? "").Trim();
        if (text.Length == 0) return FilesErrors.Required;
        if (text.Length > NoteText.MaxLength) return Error.TooLong("text", "Note", NoteText.MaxLength);
        Note? saved = null;
        var result = await files.RunAsync(fileId, c =>
        {
            var refused = c.File.SaveDraftNote(c.ActingPost, c.Employee, text, noteText.ToHtml(text), files.Now, out var note);
            saved = note;
            return Task.FromResult(refused);
        }, ct, FileParts.DraftNotes);
        return result.Succeeded ? saved!.Id : result;
    }
}

/// <summary>Turns the acting post's draft note green: numbered, and never changed again.</summary>
public sealed class ConfirmNote(DaftarDb db, FileActions files)
{
    public async Task<Result<int>> HandleAsync(int noteId, CancellationToken ct)
    {
        var fileId = await db.Notes.Where(n => n.Id == noteId).Select(n => (int?)n.FileId).SingleOrDefaultAsync(ct);
        if (fileId is null) return Error.NotFound("Note");
        return await files.RunAsync(fileId.Value, c => Task.FromResult(c.File.Notes.SingleOrDefault(n => n.Id == noteId) is { } note
            ? c.File.ConfirmNote(note, c.ActingPost, files.Now) : FileError.NotYourDraft), ct, FileParts.Notes);
    }
}

/// <summary>Throws away the acting post's draft note.</summary>
public sealed class DiscardNote(DaftarDb db, FileActions files)
{
    public async Task<Result<int>> HandleAsync(int noteId, CancellationToken ct)
    {
        var fileId = await db.Notes.Where(n => n.Id == noteId).Select(n => (int?)n.FileId).SingleOrDefaultAsync(ct);
        if (fileId is null) return Error.NotFound("Note");
        return await files.RunAsync(fileId.Value, c => Task.FromResult(c.File.Notes.SingleOrDefault(n => n.Id == noteId) is { } note
            ? c.File.DiscardDraft(note, c.ActingPost) : FileError.NotYourDraft), ct, FileParts.Notes);
    }
}

/// <summary>Sends a file to another post, with remarks, priority and an optional due date; the recipient is told live.</summary>
public sealed class SendFile(DaftarDb db, FileActions files, Daftar.Web.Features.Notifications.Notifier notifier)
{
    public async Task<Result<int>> HandleAsync(int fileId, SendFileCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", RemarksCommand.MaxLength);
        if (cmd.ToPostId is null) v.Add(Error.Required("toPostId", "Send to"));
        if (!Enum.IsDefined(cmd.Priority)) v.Add(Error.NotInList("priority"));
        if (cmd.DueOn is { } due && due < OfficeTime.DateOf(files.Now))
            v.Add(FilesErrors.DueInPast);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        // The recipient is read with the file's visibility check, in its first statement.
        var loaded = await files.LoadAsync(fileId, ct, FileParts.DraftNotes | FileParts.Participants, onlyParticipant: cmd.ToPostId, otherPostId: cmd.ToPostId);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        if (loaded.Value!.OtherPost is not { } to) return Error.Unknown("toPostId", "Post");
        var result = await files.ActAsync(fileId, loaded.Value, async c =>
        {
            // Only the yellow notes are loaded; whether the sender's green ones are signed is asked of the database only
            // when the file's policy covers the sender.
            var postId = c.ActingPost.Id;
            var unsigned = c.File.RequiresSignatureFrom(c.ActingPost) && c.File.IsHeldBy(postId)
                && await db.Notes.AnyAsync(n => n.FileId == fileId && n.AuthorPostId == postId && !db.NoteSignatures.Any(s => s.NoteId == n.Id), ct);
            return c.File.SendTo(c.ActingPost, to, c.Employee, remarks, cmd.Priority, cmd.DueOn, files.Now, unsigned);
        }, ct);
        if (result.Succeeded)
            await notifier.ToPostAsync(to.Id, new Daftar.Web.Features.Notifications.Notice("file", loaded.Value.File.Subject, $"/Files/View?id={fileId}"));
        return result;
    }
}

/// <summary>Takes a sent file back, as long as the recipient has not opened it.</summary>
public sealed class PullBackFile(DaftarDb db, FileActions files)
{
    public async Task<Result<int>> HandleAsync(int fileId, CancellationToken ct) =>
        await files.RunAsync(fileId, async c =>
        {
            // The sender no longer holds the file, so act as whichever of the officer's posts sent it.
            var sender = c.File.LastArrival?.FromPostId;
            var post = sender is { } id && c.Viewer.PostIds.Contains(id) ? await db.Posts.FindAsync([id], ct) ?? c.ActingPost : c.ActingPost;
            return c.File.PullBack(post, c.Employee, files.Now);
        }, ct, FileParts.LastArrival);
}

public sealed class ParkFile(FileActions files)
{
    public async Task<Result<int>> HandleAsync(int fileId, RemarksCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", RemarksCommand.MaxLength);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        return await files.RunAsync(fileId, c => Task.FromResult(c.File.Park(c.ActingPost, c.Employee, remarks, files.Now)), ct, FileParts.None);
    }
}

public sealed class UnparkFile(FileActions files)
{
    public Task<Result<int>> HandleAsync(int fileId, CancellationToken ct) =>
        files.RunAsync(fileId, c => Task.FromResult(c.File.Unpark(c.ActingPost, c.Employee, files.Now)), ct, FileParts.None);
}

public sealed class CloseFile(FileActions files)
{
    public async Task<Result<int>> HandleAsync(int fileId, RemarksCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", RemarksCommand.MaxLength);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        return await files.RunAsync(fileId, c => Task.FromResult(c.File.Close(c.ActingPost, c.Employee, remarks, files.Now)), ct, FileParts.None);
    }
}

public sealed class ReopenFile(FileActions files)
{
    public async Task<Result<int>> HandleAsync(int fileId, RemarksCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", RemarksCommand.MaxLength);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        return await files.RunAsync(fileId, c => Task.FromResult(c.File.Reopen(c.ActingPost, c.Employee, remarks, files.Now)), ct, FileParts.None);
    }
}
