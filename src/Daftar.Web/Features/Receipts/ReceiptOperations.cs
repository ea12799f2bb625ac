using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Receipts;

/// <summary>Sends a receipt the acting post holds to another post; the recipient is told live.</summary>
public sealed class SendReceipt(DaftarDb db, FileActions files, ReceiptAccess receipts, Daftar.Web.Features.Notifications.Notifier notifier)
{
    public async Task<Result<int>> HandleAsync(int id, SendFileCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", RemarksCommand.MaxLength);
        if (cmd.ToPostId is null) v.Add(Error.Required("toPostId", "Send to"));
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var to = await db.Posts.SingleOrDefaultAsync(p => p.Id == cmd.ToPostId && p.IsActive, ct);
        if (to is null) return Error.Unknown("toPostId", "Post");
        string? subject = null;
        var result = await receipts.RunAsync(id, (r, post, by) =>
        {
            subject = r.Subject;
            return r.SendTo(post, to, by, remarks, files.Now);
        }, ct);
        if (result.Succeeded)
            await notifier.ToPostAsync(to.Id, new Daftar.Web.Features.Notifications.Notice("receipt", subject!, $"/Receipts/View?id={id}"));
        return result;
    }
}

/// <summary>Closes a receipt the acting post holds (no file needed).</summary>
public sealed class CloseReceipt(ReceiptAccess receipts)
{
    public Task<Result<int>> HandleAsync(int id, CancellationToken ct) => receipts.RunAsync(id, (r, post, _) => r.Close(post), ct);
}

/// <summary>
/// Puts the receipt into a file the holder holds, or opens a new file for it (subject from the receipt unless given).
/// A new file and the receipt's move into it commit together: if the receipt changed meanwhile, no file is left behind.
/// </summary>
public sealed class PutReceiptInFile(DaftarDb db, FileActions files, ReceiptAccess receipts, CreateFile createFile)
{
    public async Task<Result<int>> HandleAsync(int id, PutInFileCommand cmd, CancellationToken ct)
    {
        var (receipt, _, post, _, error) = await receipts.LoadAsync(id, ct);
        if (error is not null) return error;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fileId = cmd.FileId;
        if (fileId is null)
        {
            if (receipt!.HolderPostId != post!.Id || receipt.Status != ReceiptStatus.Open) return FileActions.ToError(receipt.Status != ReceiptStatus.Open ? FileError.ReceiptNotOpen : FileError.NotInYourCustody);
            var created = await createFile.HandleAsync(new CreateFileCommand(cmd.NewFileSubject ?? receipt.Subject, cmd.HeadNumber, receipt.Category, Grading: receipt.Grading), ct, asPostId: post.Id);
            if (!created.Succeeded) return created;
            fileId = created.Value;
        }
        var loaded = await files.LoadAsync(fileId.Value, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var refused = receipt!.PutInto(loaded.Value!.File, post!, files.Now);
        if (refused is not null) return FileActions.ToError(refused);
        var saved = await files.SaveAsync(fileId.Value, ct);
        if (saved.Succeeded) await tx.CommitAsync(ct);
        return saved;
    }
}
