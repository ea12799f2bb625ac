using Daftar.Data;
using Daftar.Files;
using Daftar.Meetings;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

public sealed record ActionItemCommand(string? Text, int? AssigneePostId, DateOnly? DueOn, int? OccurrenceId = null, int? FileId = null);
/// <summary>Progress on an action item: its new status and a remark (paragraphs kept). A property it does not know is refused, not dropped.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record ActionUpdateCommand(ActionStatus? Status, string? Remark);
public sealed record LinkActionFileCommand(int? FileId);
public sealed record ActionUpdateView(ActionStatus Status, string? Text, DateTimeOffset At, int PostId);
public sealed record ActionItemView(int Id, int MeetingId, string MeetingTitle, int? OccurrenceId, string Text, int AssigneePostId, string AssigneeEn, string AssigneeHi,
    DateOnly DueOn, ActionStatus Status, bool Overdue, int? FileId, string? FileNumber, bool CanUpdate, IReadOnlyList<ActionUpdateView> Updates);

/// <summary>What every action-item operation shares: the item with the caller's standing in it, and opening a linked file to the assignee.</summary>
public sealed class ActionItemAccess(DaftarDb db, CurrentOfficer current, MeetingAccess access, ShareFile shareFile, AuditActor audit)
{
    public async Task<Result<(ActionItem Item, Officer Officer, bool Manager, bool Assignee)>> LoadAsync(int id, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null || officer.EmployeeId is null) return MeetingsErrors.NoPost;
        var item = await db.ActionItems.Include(a => a.Meeting).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (item is null) return Error.NotFound("Action item");
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        var assignee = posts.Contains(item.AssigneePostId);
        if (!assignee && !await access.MaySeeAsync(item.MeetingId, officer, ct)) return Error.NotFound("Action item");
        audit.ActingPostId = assignee ? item.AssigneePostId : officer.ActingPost.PostId;
        return (item, officer, item.Meeting.IsManagedBy(posts), assignee);
    }

    /// <summary>
    /// A file linked to an action item must open for the post it is assigned to. When that post cannot see it yet, the
    /// file is shared with it for reading (a share the file's page and audit trail show, made in the linking officer's
    /// custody); a confidential or secret file, or one the linking officer does not hold, is refused with the reason.
    /// </summary>
    public async Task<Error?> OpenToAssigneeAsync(int fileId, int assigneePostId, string actionText, CancellationToken ct)
    {
        if (await FileActions.PostMaySeeAsync(db, fileId, assigneePostId, ct)) return null;
        var remark = "Action item: " + (actionText.Length > 400 ? actionText[..400] + "…" : actionText);
        var shared = await shareFile.HandleAsync(fileId, new ShareFileCommand(assigneePostId, remark), ct);
        if (shared.Succeeded) return null;
        return shared.Errors[0].Code == FileError.CannotShareGraded.Code ? MeetingsErrors.LinkedFileGraded : MeetingsErrors.LinkedFileNotHeld;
    }
}

/// <summary>Assigns an action item to a post with a due date (organiser or chair), optionally linked to an e-file.</summary>
public sealed class AssignAction(DaftarDb db, CurrentOfficer current, MeetingAccess access, ActionItemAccess actions, FileActions files, TimeProvider clock,
    AuditActor audit)
{
    public async Task<Result<int>> HandleAsync(int meetingId, ActionItemCommand cmd, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null) return MeetingsErrors.NoPost;
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || !await access.MaySeeAsync(meetingId, officer, ct)) return Error.NotFound("Meeting");
        if (!meeting.IsManagedBy(officer.Posts.Select(p => p.PostId))) return MeetingsErrors.NotManager;
        var v = new Validation();
        var text = v.Required(cmd.Text, "text", "Action", 2000);
        if (cmd.DueOn is null) v.Add(Error.Required("dueOn", "Due date"));
        else if (cmd.DueOn < clock.Today()) v.Add(MeetingsErrors.DueInPast);
        var assignee = cmd.AssigneePostId is { } a ? await db.Posts.SingleOrDefaultAsync(p => p.Id == a && p.IsActive, ct) : null;
        if (cmd.AssigneePostId is null) v.Add(Error.Required("assigneePostId", "Assigned to"));
        else if (assignee is null) v.Add(Error.Unknown("assigneePostId", "Post"));
        MeetingOccurrence? occurrence = null;
        if (cmd.OccurrenceId is { } oid && (occurrence = await db.MeetingOccurrences.SingleOrDefaultAsync(o => o.Id == oid && o.MeetingId == meetingId, ct)) is null)
            v.Add(Error.Unknown("occurrenceId", "Meeting"));
        if (cmd.FileId is { } fid && !(await files.LoadAsync(fid, ct, FileParts.None)).Succeeded) v.Add(Error.Unknown("fileId", "File"));
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var creator = await db.Posts.SingleAsync(p => p.Id == officer.ActingPost.PostId, ct);
        audit.ActingPostId = creator.Id;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var item = new ActionItem(meeting, occurrence, text!, assignee!, cmd.DueOn!.Value, creator, clock.GetUtcNow());
        if (cmd.FileId is { } f)
        {
            if (await actions.OpenToAssigneeAsync(f, assignee!.Id, text!, ct) is { } refused) return refused;
            item.LinkFile(f);
        }
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return item.Id;
    }
}

/// <summary>Reports progress on an action item (the assignee, or the organiser or chair): status and a remark.</summary>
public sealed class ReportActionProgress(DaftarDb db, ActionItemAccess actions, MeetingAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, ActionUpdateCommand cmd, CancellationToken ct)
    {
        var loaded = await actions.LoadAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var (item, officer, manager, assignee) = loaded.Value;
        if (!manager && !assignee) return MeetingsErrors.NotAssignee;
        var v = new Validation();
        var text = v.Paragraphs(cmd.Remark, "remark", "Remarks", 2000);
        if (cmd.Status is not { } status || !Enum.IsDefined(status)) { v.Add(Error.Required("status", "Status")); status = ActionStatus.Open; }
        if (status == ActionStatus.Dropped && !manager) v.Add(MeetingsErrors.CannotDrop);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var post = await db.Posts.SingleAsync(p => p.Id == (assignee ? item.AssigneePostId : officer.ActingPost!.PostId), ct);
        var employee = await db.Employees.SingleAsync(e => e.Id == officer.EmployeeId, ct);
        if (item.Report(post, employee, status, text, clock.GetUtcNow(), access.Today) is { } refused) return new Error(refused.Code, refused.Message, ErrorKind.Conflict);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MeetingsErrors.ChangedMeanwhile;
        }
        return item.Id;
    }
}

/// <summary>Links an e-file the caller can see to an action item; the assignee is given sight of it.</summary>
public sealed class LinkActionFile(DaftarDb db, ActionItemAccess actions, FileActions files)
{
    public async Task<Result<int>> HandleAsync(int id, LinkActionFileCommand cmd, CancellationToken ct)
    {
        var loaded = await actions.LoadAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var (item, _, manager, assignee) = loaded.Value;
        if (!manager && !assignee) return MeetingsErrors.NotAssignee;
        if (cmd.FileId is not { } fileId) return Error.Required("fileId", "File");
        if (!(await files.LoadAsync(fileId, ct, FileParts.None)).Succeeded) return Error.Unknown("fileId", "File");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await actions.OpenToAssigneeAsync(fileId, item.AssigneePostId, item.Text, ct) is { } refused) return refused;
        item.LinkFile(fileId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return fileId;
    }
}

/// <summary>Opens a new e-file for the action item in the assignee post's section and links it (the assignee does this).</summary>
public sealed class OpenActionFile(DaftarDb db, ActionItemAccess actions, CreateFile createFile)
{
    public async Task<Result<int>> HandleAsync(int id, CreateFileCommand cmd, CancellationToken ct)
    {
        var loaded = await actions.LoadAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var (item, _, _, assignee) = loaded.Value;
        if (!assignee) return MeetingsErrors.NotAssignee;
        if (item.FileId is not null) return MeetingsErrors.ActionHasFile;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var subject = string.IsNullOrWhiteSpace(cmd.Subject) ? item.Text.Length > 480 ? item.Text[..480] : item.Text : cmd.Subject;
        var created = await createFile.HandleAsync(cmd with { Subject = subject }, ct, item.AssigneePostId);
        if (!created.Succeeded) return created;
        item.LinkFile(created.Value);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return created.Value;
    }
}

/// <summary>Action items of one meeting (who may see the meeting), or those assigned to the caller's posts.</summary>
public sealed class ActionQueries(DaftarDb db, CurrentOfficer current, MeetingAccess access)
{
    public async Task<Result<IReadOnlyList<ActionItemView>>> ListAsync(int? meetingId, bool overdueOnly, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null) return MeetingsErrors.NoPost;
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        IQueryable<ActionItem> q;
        if (meetingId is { } mid)
        {
            if (!await access.MaySeeAsync(mid, officer, ct)) return Error.NotFound("Meeting");
            q = db.ActionItems.Where(a => a.MeetingId == mid);
        }
        else q = db.ActionItems.Where(a => posts.Contains(a.AssigneePostId));
        var today = access.Today;
        if (overdueOnly) q = q.Where(a => a.DueOn < today && a.Status != ActionStatus.Done && a.Status != ActionStatus.Dropped);
        var rows = await q.AsNoTracking().OrderBy(a => a.Status).ThenBy(a => a.DueOn).Take(1000)
            .Select(a => new
            {
                a.Id,
                a.MeetingId,
                a.Meeting.Title,
                a.OccurrenceId,
                a.Text,
                a.AssigneePostId,
                En = a.AssigneePost.Designation.NameEn + ", " + a.AssigneePost.Office.NameEn,
                Hi = a.AssigneePost.Designation.NameHi + ", " + a.AssigneePost.Office.NameHi,
                a.DueOn,
                a.Status,
                a.FileId,
                FileNumber = db.Files.Where(f => f.Id == a.FileId).Select(f => f.FileNumber).FirstOrDefault(),
                Manage = posts.Contains(a.Meeting.ChairPostId) || posts.Contains(a.Meeting.OrganiserPostId),
                Updates = a.Updates.OrderBy(u => u.Id).Select(u => new ActionUpdateView(u.Status, u.Text, u.At, u.PostId)).ToList(),
            }).ToListAsync(ct);
        return rows.Select(a => new ActionItemView(a.Id, a.MeetingId, a.Title, a.OccurrenceId, a.Text, a.AssigneePostId, a.En, a.Hi, a.DueOn, a.Status,
            a.DueOn < today && a.Status is not (ActionStatus.Done or ActionStatus.Dropped), a.FileId, a.FileNumber,
            a.Manage || posts.Contains(a.AssigneePostId), a.Updates)).ToList();
    }
}
