using System.Globalization;
using System.Net;
using Daftar.Data;
using Daftar.Files;
using Daftar.Meetings;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.People;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

public sealed record MinutesCommand(string? Body);
public sealed record SignMinutesCommand(string? Pin);
public sealed record MinutesView(int Id, int OccurrenceId, string Body, MinutesStatus Status, int Signatures, DateTimeOffset UpdatedAt, bool CanEdit, bool CanSign, string? PdfUrl);
public sealed record ActionItemCommand(string? Text, int? AssigneePostId, DateOnly? DueOn, int? OccurrenceId = null, int? FileId = null);
/// <summary>Progress on an action item: its new status and a remark (paragraphs kept). A property it does not know is refused, not dropped.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record ActionUpdateCommand(ActionStatus? Status, string? Remark);
public sealed record LinkActionFileCommand(int? FileId);
public sealed record ActionUpdateView(ActionStatus Status, string? Text, DateTimeOffset At, int PostId);
public sealed record ActionItemView(int Id, int MeetingId, string MeetingTitle, int? OccurrenceId, string Text, int AssigneePostId, string AssigneeEn, string AssigneeHi,
    DateOnly DueOn, ActionStatus Status, bool Overdue, int? FileId, string? FileNumber, bool CanUpdate, IReadOnlyList<ActionUpdateView> Updates);
public sealed record DashboardRow(int OfficeId, string OfficeEn, string OfficeHi, int Invitations, int Attended, int RatePercent, int OpenActions, int OverdueActions);
public sealed record Dashboard(int OfficeId, string OfficeEn, string OfficeHi, Daftar.People.OfficeType? Level, DateOnly From, DateOnly To, IReadOnlyList<DashboardRow> Rows);

/// <summary>
/// After the meeting: minutes drafted by the organiser's side and signed by the chair first, then by others (each an
/// incremental PAdES signature, as letters are); action items assigned to posts and followed to closure; and the
/// review dashboard that shows, for every office of a level, attendance and open and overdue action items.
/// </summary>
public sealed class MeetingFollowUps(DaftarDb db, CurrentOfficer current, Meetings meetings, MeetingSettings settings, PdfRenderer renderer, Enrolment enrolment,
    BlobStore blobs, NoteText markdown, Daftar.Web.Features.Signing.Pki trust, CreateFile createFile, FileActions files, ShareFile shareFile, TimeProvider clock, AuditActor audit)
{
    public static readonly Error ChairSignsFirst = new("chair_signs_first", "The chair signs the minutes first.", ErrorKind.Forbidden);
    public static readonly Error AlreadySigned = new("minutes_signed_by_you", "You have already signed these minutes.", ErrorKind.Conflict);
    public static readonly Error NotAssignee = new("not_assignee", "Only the post the action item is assigned to, or the meeting's organiser or chair, can do this.", ErrorKind.Forbidden);

    private DateOnly Today => DateOnly.FromDateTime(settings.Local(clock.GetUtcNow().UtcDateTime).DateTime);

    private async Task<Result<(MeetingOccurrence Occurrence, Officer Officer, bool Manager)>> OccurrenceAsync(int occurrenceId, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.EmployeeId is null || officer.ActingPost is null) return Meetings.NoPost;
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        if (occurrence is null || !await meetings.MaySeeAsync(occurrence.MeetingId, officer, ct)) return Error.NotFound("Meeting");
        audit.ActingPostId = officer.ActingPost.PostId;
        return (occurrence, officer, occurrence.Meeting.IsManagedBy(officer.Posts.Select(p => p.PostId)));
    }

    /// <summary>Whether the caller may draft this occurrence's minutes (its meeting's organiser or chair).</summary>
    public async Task<bool> CanDraftMinutesAsync(int occurrenceId, CancellationToken ct)
    {
        var loaded = await OccurrenceAsync(occurrenceId, ct);
        return loaded.Succeeded && loaded.Value.Manager;
    }

    public async Task<Result<MinutesView?>> GetMinutesAsync(int occurrenceId, CancellationToken ct)
    {
        var loaded = await OccurrenceAsync(occurrenceId, ct);
        if (!loaded.Succeeded) return Result<MinutesView?>.Fail(loaded.Errors);
        var minutes = await db.MeetingMinutes.AsNoTracking().SingleOrDefaultAsync(m => m.OccurrenceId == occurrenceId, ct);
        return minutes is null ? Result<MinutesView?>.Ok(null) : View(minutes, loaded.Value);
    }

    private static MinutesView View(MeetingMinutes m, (MeetingOccurrence Occurrence, Officer Officer, bool Manager) c) =>
        new(m.Id, m.OccurrenceId, m.Body, m.Status, m.Signatures, m.UpdatedAt, c.Manager && m.Status == MinutesStatus.Draft,
            m.Status == MinutesStatus.Draft ? c.Officer.Posts.Any(p => p.PostId == c.Occurrence.Meeting.ChairPostId) : true,
            m.PdfHash is null ? null : $"/api/occurrences/{m.OccurrenceId}/minutes/pdf");

    public async Task<Result<MinutesView>> SaveMinutesAsync(int occurrenceId, MinutesCommand cmd, CancellationToken ct)
    {
        var loaded = await OccurrenceAsync(occurrenceId, ct);
        if (!loaded.Succeeded) return Result<MinutesView>.Fail(loaded.Errors);
        var c = loaded.Value;
        if (!c.Manager) return Meetings.NotManager;
        var v = new Validation();
        var body = v.Paragraphs(cmd.Body, "body", "Minutes", NoteText.MaxLength, required: true);
        if (v.Failed) return Result<MinutesView>.Fail(v.Errors);
        var post = await db.Posts.SingleAsync(p => p.Id == c.Officer.ActingPost!.PostId, ct);
        var minutes = await db.MeetingMinutes.SingleOrDefaultAsync(m => m.OccurrenceId == occurrenceId, ct);
        if (minutes is null) db.MeetingMinutes.Add(minutes = new MeetingMinutes(c.Occurrence, body!, post, clock.GetUtcNow()));
        else if (minutes.Revise(body!, post, clock.GetUtcNow()) is { } refused) return new Error(refused.Code, refused.Message, ErrorKind.Conflict);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or DbUpdateException)
        {
            return Meetings.ChangedMeanwhile;
        }
        return View(minutes, c);
    }

    /// <summary>
    /// Signs the minutes: the first signature, the chair's, renders them to PDF (with the attendance and action items as
    /// recorded) and freezes them; every later one is appended without disturbing the earlier ones.
    /// </summary>
    public async Task<Result<MinutesView>> SignMinutesAsync(int occurrenceId, SignMinutesCommand cmd, CancellationToken ct)
    {
        var loaded = await OccurrenceAsync(occurrenceId, ct);
        if (!loaded.Succeeded) return Result<MinutesView>.Fail(loaded.Errors);
        var c = loaded.Value;
        var minutes = await db.MeetingMinutes.SingleOrDefaultAsync(m => m.OccurrenceId == occurrenceId, ct);
        if (minutes is null) return Error.NotFound("Minutes");
        var employee = await db.Employees.SingleAsync(e => e.Id == c.Officer.EmployeeId, ct);
        var isChair = c.Officer.Posts.Any(p => p.PostId == c.Occurrence.Meeting.ChairPostId);
        var postId = isChair ? c.Occurrence.Meeting.ChairPostId : c.Officer.ActingPost!.PostId;
        var post = await PdfSignatures.SigningPostAsync(db, postId, ct);
        byte[] pdf;
        if (minutes.Status == MinutesStatus.Draft)
        {
            if (!isChair) return ChairSignsFirst;
            if (!renderer.IsAvailable) return Letters.Drafts.RendererMissing;
            try
            {
                pdf = await renderer.RenderAsync(await MinutesHtmlAsync(c.Occurrence, minutes, ct), ct);
            }
            catch (RendererUnavailableException)
            {
                return Letters.Drafts.RendererMissing;
            }
        }
        else
        {
            if (await blobs.ReadAllAsync(minutes.PdfHash!, ct) is not { } existing) return Error.NotFound("Minutes");
            if (await PdfSignatures.IsSignedByAsync(db, existing, await trust.TrustAsync(ct), employee.Id, ct)) return AlreadySigned;
            pdf = existing;
        }
        var unlocked = await enrolment.UnlockAsync(employee.Id, cmd.Pin, ct);
        if (!unlocked.Succeeded) return Result<MinutesView>.Fail(unlocked.Errors);
        using var signer = unlocked.Value!;
        var now = clock.GetUtcNow();
        var signed = PdfSigner.Sign(pdf, signer.Signer, await PdfSignatures.RequestAsync(renderer, signer.Signer.Certificate, post, hindi: true, english: true, now, ct), now);
        var stored = await blobs.StoreAsync(new MemoryStream(signed), ct);
        if (!stored.Succeeded) return Result<MinutesView>.Fail(stored.Errors);
        minutes.Signed(stored.Value!.Hash, stored.Value.Size);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Meetings.ChangedMeanwhile;
        }
        return View(minutes, c);
    }

    public async Task<(Stream Content, string FileName)?> MinutesPdfAsync(int occurrenceId, CancellationToken ct)
    {
        var loaded = await OccurrenceAsync(occurrenceId, ct);
        if (!loaded.Succeeded) return null;
        var hash = await db.MeetingMinutes.Where(m => m.OccurrenceId == occurrenceId).Select(m => m.PdfHash).SingleOrDefaultAsync(ct);
        if (hash is null || await blobs.ReadAllAsync(hash, ct) is not { } pdf) return null;
        return (new MemoryStream(pdf), $"minutes-{loaded.Value.Occurrence.MeetingId}-{loaded.Value.Occurrence.Number}.pdf");
    }

    private async Task<string> MinutesHtmlAsync(MeetingOccurrence o, MeetingMinutes minutes, CancellationToken ct)
    {
        var m = o.Meeting;
        var chair = await db.Posts.Include(p => p.Designation).Include(p => p.Office).ThenInclude(x => x.Department).SingleAsync(p => p.Id == m.ChairPostId, ct);
        var present = await db.Attendance.Where(a => a.OccurrenceId == o.Id).Select(a => a.Grant.Display).Distinct().ToListAsync(ct);
        var actions = await db.ActionItems.Where(a => a.OccurrenceId == o.Id).OrderBy(a => a.Id)
            .Select(a => new { a.Text, a.DueOn, PostEn = a.AssigneePost.Designation.NameEn + ", " + a.AssigneePost.Office.NameEn }).ToListAsync(ct);
        static string H(string s) => WebUtility.HtmlEncode(s);
        var start = settings.Local(o.StartsAtUtc);
        var sb = new System.Text.StringBuilder();
        sb.Append("<!doctype html><html lang=\"hi\"><head><meta charset=\"utf-8\"><style>")
          .Append("body{font-family:'Noto Sans Devanagari','Lohit Devanagari','Noto Sans',sans-serif;font-size:12pt;margin:2cm;}h1{font-size:16pt;text-align:center}")
          .Append("h2{font-size:13pt;margin-top:1.2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:4px;text-align:left}")
          .Append(".head{text-align:center}</style></head><body>")
          .Append("<div class=\"head\">").Append(H(chair.Office.Department.NameHi)).Append(" / ").Append(H(chair.Office.Department.NameEn)).Append("</div>")
          .Append("<h1>कार्यवाही विवरण / Minutes of the meeting</h1>")
          .Append("<p><b>").Append(H(m.Title)).Append("</b><br>")
          .Append(H(start.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture))).Append(" IST<br>")
          .Append("अध्यक्षता / Chair: ").Append(H(chair.Designation.NameHi)).Append(" / ").Append(H(chair.TitleEn)).Append("</p>")
          .Append("<h2>उपस्थिति / Present (").Append(present.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2><ol>");
        foreach (var p in present.Order(StringComparer.Ordinal)) sb.Append("<li>").Append(H(p)).Append("</li>");
        sb.Append("</ol><h2>कार्यवाही / Proceedings</h2>").Append(markdown.ToHtml(minutes.Body));
        if (actions.Count > 0)
        {
            sb.Append("<h2>कार्यवाही बिंदु / Action items</h2><table><tr><th>#</th><th>Action</th><th>Post</th><th>Due</th></tr>");
            var n = 0;
            foreach (var a in actions)
                sb.Append("<tr><td>").Append(++n).Append("</td><td>").Append(H(a.Text)).Append("</td><td>").Append(H(a.PostEn)).Append("</td><td>")
                  .Append(a.DueOn.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)).Append("</td></tr>");
            sb.Append("</table>");
        }
        sb.Append("</body></html>");
        return sb.ToString();
    }

    // --- Action items ---------------------------------------------------------------------------------------------

    public async Task<Result<int>> CreateActionAsync(int meetingId, ActionItemCommand cmd, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null) return Meetings.NoPost;
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || !await meetings.MaySeeAsync(meetingId, officer, ct)) return Error.NotFound("Meeting");
        if (!meeting.IsManagedBy(officer.Posts.Select(p => p.PostId))) return Meetings.NotManager;
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
            if (await OpenToAssigneeAsync(f, assignee!.Id, text!, ct) is { } refused) return refused;
            item.LinkFile(f);
        }
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return item.Id;
    }

    /// <summary>
    /// A file linked to an action item must open for the post it is assigned to. When that post cannot see it yet, the
    /// file is shared with it for reading (a share the file's page and audit trail show, made in the linking officer's
    /// custody); a confidential or secret file, or one the linking officer does not hold, is refused with the reason.
    /// </summary>
    private async Task<Error?> OpenToAssigneeAsync(int fileId, int assigneePostId, string actionText, CancellationToken ct)
    {
        if (await FileActions.PostMaySeeAsync(db, fileId, assigneePostId, ct)) return null;
        var remark = "Action item: " + (actionText.Length > 400 ? actionText[..400] + "…" : actionText);
        var shared = await shareFile.HandleAsync(fileId, new ShareFileCommand(assigneePostId, remark), ct);
        if (shared.Succeeded) return null;
        return shared.Errors[0].Code == FileError.CannotShareGraded.Code ? MeetingsErrors.LinkedFileGraded : MeetingsErrors.LinkedFileNotHeld;
    }

    private async Task<Result<(ActionItem Item, Officer Officer, bool Manager, bool Assignee)>> ActionAsync(int id, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null || officer.EmployeeId is null) return Meetings.NoPost;
        var item = await db.ActionItems.Include(a => a.Meeting).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (item is null) return Error.NotFound("Action item");
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        var assignee = posts.Contains(item.AssigneePostId);
        if (!assignee && !await meetings.MaySeeAsync(item.MeetingId, officer, ct)) return Error.NotFound("Action item");
        audit.ActingPostId = assignee ? item.AssigneePostId : officer.ActingPost.PostId;
        return (item, officer, item.Meeting.IsManagedBy(posts), assignee);
    }

    public async Task<Result<int>> UpdateActionAsync(int id, ActionUpdateCommand cmd, CancellationToken ct)
    {
        var loaded = await ActionAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var (item, officer, manager, assignee) = loaded.Value;
        if (!manager && !assignee) return NotAssignee;
        var v = new Validation();
        var text = v.Paragraphs(cmd.Remark, "remark", "Remarks", 2000);
        if (cmd.Status is not { } status || !Enum.IsDefined(status)) { v.Add(Error.Required("status", "Status")); status = ActionStatus.Open; }
        if (status == ActionStatus.Dropped && !manager) v.Add(MeetingsErrors.CannotDrop);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var post = await db.Posts.SingleAsync(p => p.Id == (assignee ? item.AssigneePostId : officer.ActingPost!.PostId), ct);
        var employee = await db.Employees.SingleAsync(e => e.Id == officer.EmployeeId, ct);
        if (item.Report(post, employee, status, text, clock.GetUtcNow(), Today) is { } refused) return new Error(refused.Code, refused.Message, ErrorKind.Conflict);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Meetings.ChangedMeanwhile;
        }
        return item.Id;
    }

    public async Task<Result<int>> LinkFileAsync(int id, LinkActionFileCommand cmd, CancellationToken ct)
    {
        var loaded = await ActionAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var (item, _, manager, assignee) = loaded.Value;
        if (!manager && !assignee) return NotAssignee;
        if (cmd.FileId is not { } fileId) return Error.Required("fileId", "File");
        if (!(await files.LoadAsync(fileId, ct, FileParts.None)).Succeeded) return Error.Unknown("fileId", "File");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await OpenToAssigneeAsync(fileId, item.AssigneePostId, item.Text, ct) is { } refused) return refused;
        item.LinkFile(fileId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return fileId;
    }

    /// <summary>Opens a new e-file for the action item in the assignee post's section and links it (the assignee does this).</summary>
    public async Task<Result<int>> OpenFileAsync(int id, CreateFileCommand cmd, CancellationToken ct)
    {
        var loaded = await ActionAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var (item, _, _, assignee) = loaded.Value;
        if (!assignee) return NotAssignee;
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

    /// <summary>Action items of one meeting (who may see the meeting), or those assigned to the caller's posts.</summary>
    public async Task<Result<IReadOnlyList<ActionItemView>>> ActionsAsync(int? meetingId, bool overdueOnly, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null) return Meetings.NoPost;
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        IQueryable<ActionItem> q;
        if (meetingId is { } mid)
        {
            if (!await meetings.MaySeeAsync(mid, officer, ct)) return Error.NotFound("Meeting");
            q = db.ActionItems.Where(a => a.MeetingId == mid);
        }
        else q = db.ActionItems.Where(a => posts.Contains(a.AssigneePostId));
        var today = Today;
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

    // --- Review dashboard ----------------------------------------------------------------------------------------

    /// <summary>
    /// For every office of a level under an office (e.g. every police station of a range), over a span of days: how
    /// often its posts were invited to a meeting that was held and how often they came, and its open and overdue action
    /// items. Open to officers of that office or any office above it.
    /// </summary>
    public async Task<Result<Dashboard>> DashboardAsync(int officeId, Daftar.People.OfficeType? level, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null) return Meetings.NoPost;
        var office = await db.Offices.AsNoTracking().SingleOrDefaultAsync(o => o.Id == officeId, ct);
        if (office is null) return Error.NotFound("Office");
        // Open to officers of this office or of any office above it: walk up from it.
        var mine = await db.Posts.Where(p => officer.Posts.Select(x => x.PostId).Contains(p.Id)).Select(p => p.OfficeId).Distinct().ToListAsync(ct);
        var allowed = officer.IsAdministrator;
        for (int? up = officeId; up is { } id && !allowed; up = await db.Offices.Where(o => o.Id == id).Select(o => o.ParentId).SingleAsync(ct))
            allowed = mine.Contains(id);
        if (!allowed) return Error.NotFound("Office");
        if (level is { } l && !Enum.IsDefined(l)) return Error.NotInList("level");
        var today = Today;
        var last = to ?? today;
        var first = from ?? last.AddDays(-30);
        if (first > last || last.DayNumber - first.DayNumber > 366) return MeetingsErrors.InvalidRange;

        // The subtree once, with its shape: each unit's own subtree is worked out from it in memory.
        var subtree = await Meetings.SubtreeAsync(db, officeId, ct);
        var tree = await db.Offices.AsNoTracking().Where(o => subtree.Contains(o.Id)).Select(o => new { o.Id, o.ParentId, o.Type, o.NameEn, o.NameHi }).ToListAsync(ct);
        var children = tree.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value, o => o.Id);
        HashSet<int> Below(int unit)
        {
            var all = new HashSet<int> { unit };
            for (var queue = new Queue<int>([unit]); queue.TryDequeue(out var next);)
                foreach (var child in children[next]) if (all.Add(child)) queue.Enqueue(child);
            return all;
        }
        var units = tree.Where(o => level == null ? o.ParentId == officeId : o.Type == level).OrderBy(o => o.NameEn).Take(2000).ToList();

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var posts = db.Posts.Where(p => subtree.Contains(p.OfficeId));
        // Held occurrences in the span, and the posts of this subtree each invited.
        var invited = await (
                from o in db.MeetingOccurrences.AsNoTracking()
                where o.Day >= first && o.Day <= last && o.Status == OccurrenceStatus.Scheduled && (o.RoomOpenedAtUtc != null || o.EndsAtUtc < nowUtc)
                join i in db.Invitees on o.MeetingId equals i.MeetingId
                where !i.Removed && i.PostId != null && subtree.Contains(i.Post!.OfficeId)
                select new { Occurrence = o.Id, Post = i.PostId!.Value, i.Post!.OfficeId })
            .ToListAsync(ct);
        var attended = (await db.Attendance.AsNoTracking()
            .Where(a => a.Grant.PostId != null && a.Grant.Occurrence.Day >= first && a.Grant.Occurrence.Day <= last && posts.Any(p => p.Id == a.Grant.PostId))
            .Select(a => new { a.OccurrenceId, Post = a.Grant.PostId!.Value }).Distinct().ToListAsync(ct))
            .Select(a => (a.OccurrenceId, a.Post)).ToHashSet();
        var actions = await db.ActionItems.AsNoTracking()
            .Where(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Dropped && subtree.Contains(a.AssigneePost.OfficeId))
            .Select(a => new { a.AssigneePost.OfficeId, Overdue = a.DueOn < today }).ToListAsync(ct);

        var rows = new List<DashboardRow>();
        foreach (var unit in units)
        {
            var offices = Below(unit.Id);
            var inv = invited.Where(i => offices.Contains(i.OfficeId)).ToList();
            var came = inv.Count(i => attended.Contains((i.Occurrence, i.Post)));
            var acts = actions.Where(a => offices.Contains(a.OfficeId)).ToList();
            rows.Add(new DashboardRow(unit.Id, unit.NameEn, unit.NameHi, inv.Count, came, inv.Count == 0 ? 0 : (int)Math.Round(100.0 * came / inv.Count),
                acts.Count, acts.Count(a => a.Overdue)));
        }
        return new Dashboard(officeId, office.NameEn, office.NameHi, level, first, last, rows);
    }
}
