using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.People;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

public sealed record AgendaInput(string? Title, int? OwnerPostId = null, int? FileId = null);
public sealed record RuleInput(OfficeType? OfficeType = null, int? UnderOfficeId = null, int? DesignationId = null, int? DepartmentId = null)
{
    public bool IsEmpty => OfficeType is null && UnderOfficeId is null && DesignationId is null && DepartmentId is null;
}
public sealed record GuestInput(string? Name, string? Email);

public sealed record MeetingCommand(string? Title, MeetingPurpose? Purpose, string? Description, int? ChairPostId, DateOnly? FirstDay, string? StartTime,
    int? DurationMinutes, Recurrence Recurrence = Recurrence.None, WeekDays Days = WeekDays.None, DateOnly? Until = null, VideoKind Video = VideoKind.Janus,
    string? ExternalUrl = null, int? MaxSpeakers = null, List<AgendaInput>? Agenda = null, List<int>? PostIds = null, List<RuleInput>? Rules = null,
    List<GuestInput>? Guests = null, bool Notify = true);

public sealed record MoveOccurrenceCommand(DateOnly? Day, string? StartTime, int? DurationMinutes);

public sealed record MeetingPost(int Id, string TitleEn, string TitleHi);
public sealed record OccurrenceView(int Id, int Number, DateOnly Day, DateTimeOffset StartsAt, DateTimeOffset EndsAt, OccurrenceStatus Status, bool IsMoved,
    bool RoomOpen, bool Held, int Attended, bool HasMinutes);
public sealed record InviteeView(int Id, InviteeSource Source, int? PostId, string? PostEn, string? PostHi, string? HolderEn, string? HolderHi, string? GuestName, string? GuestEmail);
public sealed record AgendaView(int Order, string Title, int? OwnerPostId, string? OwnerEn, string? OwnerHi, int? FileId, string? DocumentName, int Id)
{
    /// <summary>The API address of the item's document, when it has one.</summary>
    public string? DocumentUrl { get; init; }
}
public sealed record RuleView(int Id, OfficeType? OfficeType, int? UnderOfficeId, string? UnderOfficeEn, string? UnderOfficeHi, int? DesignationId,
    string? DesignationEn, string? DesignationHi, int? DepartmentId, string? DepartmentEn, string? DepartmentHi, int Posts);
public sealed record MeetingView(int Id, string Uid, string Title, MeetingPurpose Purpose, string? Description, MeetingPost Chair, MeetingPost Organiser,
    DateOnly FirstDay, string StartTime, int DurationMinutes, Recurrence Recurrence, WeekDays Days, DateOnly? Until, VideoKind Video, string? ExternalUrl,
    int MaxSpeakers, bool IsCancelled, bool CanManage, int Sequence, IReadOnlyList<AgendaView> Agenda, IReadOnlyList<RuleView> Rules,
    IReadOnlyList<InviteeView> Invitees, IReadOnlyList<OccurrenceView> Occurrences);
public sealed record MyOccurrence(int MeetingId, int OccurrenceId, string Title, MeetingPurpose Purpose, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    OccurrenceStatus Status, VideoKind Video, bool CanManage, string ChairEn, string ChairHi);
public sealed record RulePreview(int Count, IReadOnlyList<PostSummary> Posts, bool Truncated);

/// <summary>Meeting settings (section "Meetings"): the office's time zone and how long before the start a room opens.</summary>
public sealed class MeetingSettings(IConfiguration config)
{
    public TimeZoneInfo Zone { get; } = FindZone(config["Meetings:TimeZone"] ?? "Asia/Kolkata");
    public TimeSpan OpensBefore { get; } = TimeSpan.FromMinutes(config.GetValue("Meetings:OpenMinutesBefore", 15.0));
    /// <summary>A room stays open this long after the scheduled end while people are still in it.</summary>
    public TimeSpan Overrun { get; } = TimeSpan.FromMinutes(config.GetValue("Meetings:OverrunMinutes", 120.0));
    public TimeSpan ReminderBefore { get; } = TimeSpan.FromMinutes(config.GetValue("Meetings:ReminderMinutes", 15.0));
    public int DefaultSpeakers { get; } = config.GetValue("Meetings:DefaultSpeakers", 12);
    public int MaxInvitees { get; } = config.GetValue("Meetings:MaxInvitees", 5000);

    public DateTimeOffset Local(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(Zone.GetUtcOffset(utc));

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Kolkata", TimeSpan.FromHours(5.5), "India Standard Time", "IST");
        }
    }
}

/// <summary>
/// Schedules meetings and recurring reviews, keeps their invited posts (by name, by rule, guests) and sends the
/// invitations, updates and cancellations. The organiser and the chair manage a meeting; it is seen by them and by
/// whoever holds an invited post today.
/// </summary>
public sealed class Meetings(DaftarDb db, CurrentOfficer current, MeetingSettings settings, Invitations invitations, OrganisationDirectory directory,
    BlobStore blobs, TimeProvider clock, AuditActor audit)
{
    public static readonly Error NoPost = new("no_post", "You hold no post today, so you cannot act in meetings.", ErrorKind.Forbidden);
    public static readonly Error NotManager = new("not_meeting_manager", "Only the meeting's organiser or chair can do this.", ErrorKind.Forbidden);
    public static readonly Error Cancelled = new("meeting_cancelled", "This meeting is cancelled.", ErrorKind.Conflict);
    public static readonly Error ChangedMeanwhile = new("meeting_changed", "Someone changed this meeting at the same moment. Open it again and repeat your change.", ErrorKind.Conflict);

    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<int>> CreateAsync(MeetingCommand cmd, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null || officer.EmployeeId is null) return NoPost;
        var checkedCmd = await ValidateAsync(cmd, ct);
        if (!checkedCmd.Succeeded) return Result<int>.Fail(checkedCmd.Errors);
        var c = checkedCmd.Value!;
        var organiser = await db.Posts.SingleAsync(p => p.Id == officer.ActingPost.PostId, ct);
        var employee = await db.Employees.SingleAsync(e => e.Id == officer.EmployeeId, ct);
        var meeting = new Meeting(c.Title, c.Purpose, c.Description, c.Chair, organiser, employee, c.Schedule, settings.Zone, c.Video, c.ExternalUrl,
            c.MaxSpeakers, clock.GetUtcNow());
        meeting.SetAgenda(c.Agenda);
        var changes = await SetParticipantsAsync(meeting, c, ct);
        if (!changes.Succeeded) return Result<int>.Fail(changes.Errors);
        audit.ActingPostId = organiser.Id;
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        if (cmd.Notify) await invitations.SendAsync(meeting.Id, changes.Value!, ct);
        return meeting.Id;
    }

    public async Task<Result<int>> UpdateAsync(int id, MeetingCommand cmd, CancellationToken ct)
    {
        var loaded = await LoadForManagerAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var meeting = loaded.Value!;
        var checkedCmd = await ValidateAsync(cmd, ct);
        if (!checkedCmd.Succeeded) return Result<int>.Fail(checkedCmd.Errors);
        var c = checkedCmd.Value!;
        meeting.Update(c.Title, c.Purpose, c.Description, c.Chair, c.Video, c.ExternalUrl, c.MaxSpeakers);
        meeting.Reschedule(c.Schedule, settings.Zone);
        meeting.SetAgenda(c.Agenda);
        var changes = await SetParticipantsAsync(meeting, c, ct);
        if (!changes.Succeeded) return Result<int>.Fail(changes.Errors);
        if (await SaveAsync(ct) is { } conflict) return conflict;
        if (cmd.Notify) await invitations.SendAsync(meeting.Id, changes.Value! with { Updated = true }, ct);
        return meeting.Id;
    }

    /// <summary>Gives an agenda item its owner post and, optionally, a document (PDF or image), which invitees can open.</summary>
    public async Task<Result<int>> UpdateAgendaItemAsync(int id, int order, int? ownerPostId, Files.UploadedDocument? document, CancellationToken ct)
    {
        var loaded = await LoadForManagerAsync(id, ct);
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
        if (await SaveAsync(ct) is { } conflict) return conflict;
        return order;
    }

    /// <summary>An agenda item's document, for anyone who sees the meeting.</summary>
    public async Task<(Stream Content, string ContentType, string FileName)?> AgendaDocumentAsync(int id, int order, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null || !await MaySeeAsync(id, officer, ct)) return null;
        var doc = await db.AgendaItems.Where(a => a.MeetingId == id && a.Order == order && a.DocumentHash != null)
            .Select(a => new { a.DocumentHash, a.DocumentName }).SingleOrDefaultAsync(ct);
        if (doc is null || blobs.OpenRead(doc.DocumentHash!) is not { } stream) return null;
        var head = new byte[8];
        var read = await stream.ReadAsync(head, ct);
        stream.Position = 0;
        var type = BlobStore.Sniff(head.AsSpan(0, read)) ?? "application/octet-stream";
        return (stream, type, StoredBlob.SafeFileName(doc.DocumentName, type));
    }

    public async Task<Result<int>> CancelAsync(int id, CancellationToken ct)
    {
        var loaded = await LoadForManagerAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        loaded.Value!.Cancel();
        if (await SaveAsync(ct) is { } conflict) return conflict;
        await invitations.SendAsync(id, new InvitationChanges([], [], [], Updated: true), ct);
        return id;
    }

    public async Task<Result<int>> CancelOccurrenceAsync(int occurrenceId, CancellationToken ct) =>
        await OnOccurrenceAsync(occurrenceId, o => o.CancelOne(NowUtc), ct);

    public async Task<Result<int>> MoveOccurrenceAsync(int occurrenceId, MoveOccurrenceCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        if (cmd.Day is null) v.Add(Error.Required("day", "Date"));
        var time = ParseTime(cmd.StartTime, v);
        if (cmd.DurationMinutes is not (>= 5 and <= 720)) v.Add(MeetingsErrors.InvalidDuration);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        return await OnOccurrenceAsync(occurrenceId, o => o.Move(cmd.Day!.Value, time!.Value, cmd.DurationMinutes!.Value, settings.Zone, NowUtc), ct);
    }

    private async Task<Result<int>> OnOccurrenceAsync(int occurrenceId, Func<MeetingOccurrence, MeetingError?> change, CancellationToken ct)
    {
        var meetingId = await db.MeetingOccurrences.Where(o => o.Id == occurrenceId).Select(o => (int?)o.MeetingId).SingleOrDefaultAsync(ct);
        if (meetingId is null) return Error.NotFound("Meeting");
        var loaded = await LoadForManagerAsync(meetingId.Value, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var meeting = loaded.Value!;
        if (change(meeting.Occurrences.Single(o => o.Id == occurrenceId)) is { } refused)
            return new Error(refused.Code, refused.Message, ErrorKind.Conflict);
        meeting.Touch();
        if (await SaveAsync(ct) is { } conflict) return conflict;
        await invitations.SendAsync(meeting.Id, new InvitationChanges([], [], [], Updated: true), ct);
        return occurrenceId;
    }

    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedMeanwhile;
        }
    }

    /// <summary>The meeting with everything a change touches, if the caller manages it.</summary>
    private async Task<Result<Meeting>> LoadForManagerAsync(int id, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null) return NoPost;
        var meeting = await db.Meetings.Include(m => m.Occurrences).Include(m => m.Agenda).Include(m => m.Invitees).Include(m => m.Rules)
            .AsSplitQuery().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null || !await MaySeeAsync(meeting.Id, officer, ct)) return Error.NotFound("Meeting");
        if (!meeting.IsManagedBy(officer.Posts.Select(p => p.PostId))) return NotManager;
        if (meeting.IsCancelled) return Cancelled;
        audit.ActingPostId = officer.ActingPost.PostId;
        return meeting;
    }

    /// <summary>The organiser, the chair, and the holders of invited posts see a meeting.</summary>
    public async Task<bool> MaySeeAsync(int meetingId, Officer officer, CancellationToken ct)
    {
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        return await db.Meetings.AnyAsync(m => m.Id == meetingId && (posts.Contains(m.ChairPostId) || posts.Contains(m.OrganiserPostId)
            || m.Invitees.Any(i => !i.Removed && i.PostId != null && posts.Contains(i.PostId.Value))), ct);
    }

    public IQueryable<Meeting> VisibleTo(int[] posts) =>
        db.Meetings.Where(m => posts.Contains(m.ChairPostId) || posts.Contains(m.OrganiserPostId)
            || m.Invitees.Any(i => !i.Removed && i.PostId != null && posts.Contains(i.PostId.Value)));

    public async Task<Result<MeetingView>> GetAsync(int id, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null || !await MaySeeAsync(id, officer, ct)) return Error.NotFound("Meeting");
        var m = await db.Meetings.AsNoTracking().Include(x => x.ChairPost).ThenInclude(p => p.Designation).Include(x => x.ChairPost).ThenInclude(p => p.Office)
            .Include(x => x.OrganiserPost).ThenInclude(p => p.Designation).Include(x => x.OrganiserPost).ThenInclude(p => p.Office)
            .Include(x => x.Occurrences).Include(x => x.Agenda).ThenInclude(a => a.OwnerPost!).ThenInclude(p => p.Designation)
            .Include(x => x.Agenda).ThenInclude(a => a.OwnerPost!).ThenInclude(p => p.Office)
            .Include(x => x.Rules).AsSplitQuery().SingleAsync(x => x.Id == id, ct);
        var invitees = await InviteesAsync(id, ct);
        var perRule = await db.Invitees.Where(i => i.MeetingId == id && !i.Removed && i.RuleId != null).GroupBy(i => i.RuleId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var ruleViews = new List<RuleView>();
        foreach (var r in m.Rules)
        {
            var office = r.UnderOfficeId is { } o ? await db.Offices.Where(x => x.Id == o).Select(x => new { x.NameEn, x.NameHi }).SingleAsync(ct) : null;
            var des = r.DesignationId is { } d ? await db.Designations.Where(x => x.Id == d).Select(x => new { x.NameEn, x.NameHi }).SingleAsync(ct) : null;
            var dep = r.DepartmentId is { } dd ? await db.Departments.Where(x => x.Id == dd).Select(x => new { x.NameEn, x.NameHi }).SingleAsync(ct) : null;
            ruleViews.Add(new RuleView(r.Id, r.OfficeType, r.UnderOfficeId, office?.NameEn, office?.NameHi, r.DesignationId, des?.NameEn, des?.NameHi,
                r.DepartmentId, dep?.NameEn, dep?.NameHi, perRule.GetValueOrDefault(r.Id)));
        }
        var occurrenceIds = m.Occurrences.Select(o => o.Id).ToArray();
        // Invitees present, one per person; the chair and the organiser are not invitees (as on the occurrence's page).
        var attended = await db.Attendance
            .Where(a => occurrenceIds.Contains(a.OccurrenceId) && a.Grant.InviteeId != null && a.Grant.PostId != m.ChairPostId && a.Grant.PostId != m.OrganiserPostId)
            .GroupBy(a => a.OccurrenceId)
            .Select(g => new { g.Key, People = g.Select(a => a.GrantId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.People, ct);
        var minutes = await db.MeetingMinutes.Where(x => occurrenceIds.Contains(x.OccurrenceId)).Select(x => x.OccurrenceId).ToListAsync(ct);
        var now = NowUtc;
        var occurrences = m.Occurrences.OrderBy(o => o.StartsAtUtc).Select(o => new OccurrenceView(o.Id, o.Number, o.Day, settings.Local(o.StartsAtUtc),
            settings.Local(o.EndsAtUtc), o.Status, o.IsMoved, o.RoomOpenedAtUtc is not null && o.RoomClosedAtUtc is null,
            o.RoomOpenedAtUtc is not null || (o.EndsAtUtc < now && !o.IsCancelled), attended.GetValueOrDefault(o.Id), minutes.Contains(o.Id))).ToList();
        var agenda = m.Agenda.OrderBy(a => a.Order).Select(a => new AgendaView(a.Order, a.Title, a.OwnerPostId, a.OwnerPost?.TitleEn, a.OwnerPost?.TitleHi,
            a.FileId, a.DocumentName, a.Id)
        { DocumentUrl = a.DocumentName is null ? null : $"/api/meetings/{m.Id}/agenda/{a.Order}/document" }).ToList();
        return new MeetingView(m.Id, m.Uid, m.Title, m.Purpose, m.Description, new MeetingPost(m.ChairPostId, m.ChairPost.TitleEn, m.ChairPost.TitleHi),
            new MeetingPost(m.OrganiserPostId, m.OrganiserPost.TitleEn, m.OrganiserPost.TitleHi), m.FirstDay, m.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            m.DurationMinutes, m.Recurrence, m.Days, m.Until, m.Video, m.ExternalUrl, m.MaxSpeakers, m.IsCancelled,
            m.IsManagedBy(officer.Posts.Select(p => p.PostId)), m.Sequence, agenda, ruleViews, invitees, occurrences);
    }

    /// <summary>Who is invited now: posts with today's holder, then guests. The caller has been checked to see the meeting.</summary>
    public async Task<List<InviteeView>> InviteesAsync(int meetingId, CancellationToken ct)
    {
        var rows = await db.Invitees.AsNoTracking().Where(i => i.MeetingId == meetingId && !i.Removed).OrderBy(i => i.Id).ToListAsync(ct);
        var posts = (await directory.PostSummariesAsync(db.Posts.Where(p => db.Invitees.Any(i => i.MeetingId == meetingId && !i.Removed && i.PostId == p.Id)), settings.MaxInvitees, ct))
            .ToDictionary(p => p.Id);
        return rows.Select(i => i.PostId is { } pid && posts.TryGetValue(pid, out var p)
                ? new InviteeView(i.Id, i.Source, pid, p.TitleEn, p.TitleHi, p.Holders.FirstOrDefault()?.NameEn, p.Holders.FirstOrDefault()?.NameHi, null, null)
                : new InviteeView(i.Id, i.Source, null, null, null, null, null, i.GuestName, i.GuestEmail))
            .OrderBy(i => i.GuestName is not null).ThenBy(i => i.PostEn).ToList();
    }

    /// <summary>The occurrences of meetings the caller sees, between two days (their calendar).</summary>
    public async Task<Result<IReadOnlyList<MyOccurrence>>> MineAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null) return NoPost;
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        var first = from ?? DateOnly.FromDateTime(settings.Local(NowUtc).DateTime);
        var last = to ?? first.AddDays(30);
        if (last < first || last.DayNumber - first.DayNumber > 366)
            return MeetingsErrors.InvalidRange;
        var rows = await db.MeetingOccurrences.AsNoTracking()
            .Where(o => o.Day >= first && o.Day <= last && VisibleTo(posts).Any(m => m.Id == o.MeetingId))
            .OrderBy(o => o.StartsAtUtc).Take(500)
            .Select(o => new
            {
                o.MeetingId,
                o.Id,
                o.Meeting.Title,
                o.Meeting.Purpose,
                o.StartsAtUtc,
                o.EndsAtUtc,
                o.Status,
                o.Meeting.Video,
                Manage = posts.Contains(o.Meeting.ChairPostId) || posts.Contains(o.Meeting.OrganiserPostId),
                ChairEn = o.Meeting.ChairPost.Designation.NameEn + ", " + o.Meeting.ChairPost.Office.NameEn,
                ChairHi = o.Meeting.ChairPost.Designation.NameHi + ", " + o.Meeting.ChairPost.Office.NameHi,
            })
            .ToListAsync(ct);
        return rows.Select(r => new MyOccurrence(r.MeetingId, r.Id, r.Title, r.Purpose, settings.Local(r.StartsAtUtc), settings.Local(r.EndsAtUtc), r.Status, r.Video,
            r.Manage, r.ChairEn, r.ChairHi)).ToList();
    }

    /// <summary>The posts a rule invites today, before anything is sent.</summary>
    public async Task<Result<RulePreview>> PreviewAsync(RuleInput rule, CancellationToken ct)
    {
        if (await current.GetAsync(ct) is null) return NoPost;
        if (rule.IsEmpty) return MeetingsErrors.EmptyRule;
        var query = await MatchingAsync(rule, ct);
        var count = await query.CountAsync(ct);
        var posts = await directory.PostSummariesAsync(query, 200, ct);
        return new RulePreview(count, posts, count > posts.Count);
    }

    /// <summary>Active posts matching every condition of a rule; "under an office" means anywhere in its subtree, itself included.</summary>
    private async Task<IQueryable<Post>> MatchingAsync(RuleInput rule, CancellationToken ct)
    {
        var q = db.Posts.Where(p => p.IsActive);
        if (rule.OfficeType is { } type) q = q.Where(p => p.Office.Type == type);
        if (rule.DesignationId is { } des) q = q.Where(p => p.DesignationId == des);
        if (rule.DepartmentId is { } dep) q = q.Where(p => p.Office.DepartmentId == dep);
        if (rule.UnderOfficeId is { } under)
        {
            var offices = await SubtreeAsync(db, under, ct);
            q = q.Where(p => offices.Contains(p.OfficeId));
        }
        return q;
    }

    /// <summary>An office and every office below it, level by level (the tree is a few levels deep).</summary>
    public static async Task<List<int>> SubtreeAsync(DaftarDb db, int officeId, CancellationToken ct)
    {
        var all = new List<int> { officeId };
        var level = new List<int> { officeId };
        while (level.Count > 0)
        {
            level = await db.Offices.Where(o => o.ParentId != null && level.Contains(o.ParentId.Value)).Select(o => o.Id).ToListAsync(ct);
            all.AddRange(level);
        }
        return all;
    }

    private sealed record CheckedMeeting(string Title, MeetingPurpose Purpose, string? Description, Post Chair, MeetingSchedule Schedule, VideoKind Video,
        string? ExternalUrl, int MaxSpeakers, List<AgendaItem> Agenda, List<int> PostIds, List<RuleInput> Rules, List<(string Name, string Email)> Guests);

    private async Task<Result<CheckedMeeting>> ValidateAsync(MeetingCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var title = v.Required(cmd.Title, "title", "Title", 300);
        var description = v.Paragraphs(cmd.Description, "description", "Purpose and notes", 4000);
        if (cmd.Purpose is not { } purpose || !Enum.IsDefined(purpose)) { v.Add(Error.Required("purpose", "Purpose")); purpose = MeetingPurpose.General; }
        if (!Enum.IsDefined(cmd.Recurrence)) v.Add(Error.NotInList("recurrence"));
        if (!Enum.IsDefined(cmd.Video)) v.Add(Error.NotInList("video"));
        if (cmd.FirstDay is null) v.Add(Error.Required("firstDay", "Date"));
        var time = ParseTime(cmd.StartTime, v);
        if (cmd.DurationMinutes is not (>= 5 and <= 720)) v.Add(MeetingsErrors.InvalidDuration);
        if (cmd.Recurrence != Recurrence.None)
        {
            if (cmd.Until is null) v.Add(Error.Required("until", "Repeat until"));
            else if (cmd.FirstDay is { } f && (cmd.Until < f || cmd.Until.Value.DayNumber - f.DayNumber > 366))
                v.Add(MeetingsErrors.InvalidUntil);
            if (cmd.Recurrence == Recurrence.Weekly && (cmd.Days == WeekDays.None || (int)cmd.Days >= 128 || (int)cmd.Days < 0))
                v.Add(MeetingsErrors.NoDays);
        }
        var external = v.Optional(cmd.ExternalUrl, "externalUrl", "Meeting link", 500);
        if (cmd.Video == VideoKind.External && (external is null || !Uri.TryCreate(external, UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps))
            v.Add(MeetingsErrors.InvalidLink);
        var speakers = cmd.MaxSpeakers ?? settings.DefaultSpeakers;
        if (speakers is < 2 or > 100) v.Add(MeetingsErrors.InvalidSpeakers);

        Post? chair = null;
        if (cmd.ChairPostId is null) v.Add(Error.Required("chairPostId", "Chair"));
        else if ((chair = await db.Posts.SingleOrDefaultAsync(p => p.Id == cmd.ChairPostId && p.IsActive, ct)) is null) v.Add(Error.Unknown("chairPostId", "Chair"));

        var agenda = new List<AgendaItem>();
        var order = 0;
        var items = cmd.Agenda ?? [];
        var owners = items.Select(i => i.OwnerPostId).OfType<int>().Distinct().ToList();
        var files = items.Select(i => i.FileId).OfType<int>().Distinct().ToList();
        if (owners.Count > 0 && await db.Posts.CountAsync(p => owners.Contains(p.Id), ct) != owners.Count) v.Add(Error.Unknown("agenda", "Agenda item owner"));
        // A file the chair may not see is answered as one that does not exist, so ids reveal nothing.
        if (files.Count > 0 && (await current.GetAsync(ct) is not { } officer || Files.FileActions.ViewerOf(officer) is not { } viewer
                || await Files.FileActions.VisibleTo(db.Files, viewer).CountAsync(f => files.Contains(f.Id), ct) != files.Count))
            v.Add(Error.Unknown("agenda", "File"));
        foreach (var item in items)
        {
            var itemTitle = v.Optional(item.Title, "agenda", "Agenda item", 500);
            if (itemTitle is not null) agenda.Add(new AgendaItem(++order, itemTitle, item.OwnerPostId, item.FileId));
        }
        if (agenda.Count > 100) v.Add(MeetingsErrors.TooManyAgendaItems);

        var postIds = (cmd.PostIds ?? []).Distinct().ToList();
        if (postIds.Count > 0 && await db.Posts.CountAsync(p => postIds.Contains(p.Id) && p.IsActive, ct) != postIds.Count)
            v.Add(Error.Unknown("postIds", "Post"));
        var rules = (cmd.Rules ?? []).Where(r => r is not null && !r.IsEmpty).Distinct().ToList();
        foreach (var r in rules)
        {
            if (r.OfficeType is { } t && !Enum.IsDefined(t)) v.Add(Error.NotInList("rules"));
            if (r.UnderOfficeId is { } o && !await db.Offices.AnyAsync(x => x.Id == o, ct)) v.Add(Error.Unknown("rules", "Office"));
            if (r.DesignationId is { } d && !await db.Designations.AnyAsync(x => x.Id == d, ct)) v.Add(Error.Unknown("rules", "Designation"));
            if (r.DepartmentId is { } dd && !await db.Departments.AnyAsync(x => x.Id == dd, ct)) v.Add(Error.Unknown("rules", "Department"));
        }
        if (rules.Count > 20) v.Add(MeetingsErrors.TooManyRules);
        var guests = new List<(string, string)>();
        foreach (var g in cmd.Guests ?? [])
        {
            var email = Daftar.People.Text.Clean(g.Email);
            if (email is null && Daftar.People.Text.Clean(g.Name) is null) continue;
            var name = v.Required(g.Name, "guests", "Guest's name", 200);
            if (email is null || email.Length > 254 || !MimeKit.MailboxAddress.TryParse(email, out _) || !email.Contains('@'))
                v.Add(MeetingsErrors.InvalidEmail);
            else if (name is not null) guests.Add((name, email.ToLowerInvariant()));
        }
        if (guests.Count > 200) v.Add(MeetingsErrors.TooManyGuests);
        if (v.Failed) return Result<CheckedMeeting>.Fail(v.Errors);
        var schedule = new MeetingSchedule(cmd.FirstDay!.Value, time!.Value, cmd.DurationMinutes!.Value, cmd.Recurrence, cmd.Days, cmd.Until);
        return new CheckedMeeting(title!, purpose, description, chair!, schedule, cmd.Video, cmd.Video == VideoKind.External ? external : null, speakers, agenda,
            postIds, rules, guests.DistinctBy(g => g.Item2).ToList());
    }

    private static TimeOnly? ParseTime(string? value, Validation v)
    {
        if (TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        v.Add(MeetingsErrors.InvalidTime);
        return null;
    }

    /// <summary>
    /// Brings the invitees in line with the named posts, the rules (resolved to today's posts) and the guests: new ones
    /// are added, ones no longer wanted are marked removed (their attendance stays). Returns who to invite and uninvite.
    /// </summary>
    private async Task<Result<InvitationChanges>> SetParticipantsAsync(Meeting meeting, CheckedMeeting c, CancellationToken ct)
    {
        var wanted = new Dictionary<int, (InviteeSource Source, int RuleIndex)>();
        foreach (var id in c.PostIds) wanted[id] = (InviteeSource.ByName, -1);
        var rules = c.Rules.Select(r => new ParticipantRule(r.OfficeType, r.UnderOfficeId, r.DesignationId, r.DepartmentId)).ToList();
        for (var i = 0; i < c.Rules.Count; i++)
        {
            foreach (var id in await (await MatchingAsync(c.Rules[i], ct)).Select(p => p.Id).ToListAsync(ct))
                wanted.TryAdd(id, (InviteeSource.ByRule, i));
        }
        if (wanted.Count > settings.MaxInvitees)
            return MeetingsErrors.TooManyInvitees(wanted.Count, settings.MaxInvitees);

        var posts = await db.Posts.Where(p => wanted.Keys.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var (added, removed) = meeting.InvitePosts(rules, wanted.ToDictionary(w => w.Key, w => (posts[w.Key], w.Value.Source, w.Value.RuleIndex)));

        var guestLinks = new List<GuestLink>();
        var newGuests = meeting.KeepGuests(c.Guests.Select(g => g.Email));
        foreach (var (name, email) in c.Guests.Where(g => newGuests.Contains(g.Email)))
        {
            var secret = NewLinkSecret();
            guestLinks.Add(new GuestLink(meeting.InviteGuest(name, email, HashLink(secret)), secret));
        }
        return new InvitationChanges(added, removed, guestLinks);
    }

    /// <summary>A secret for a URL (a guest's join link, a calendar feed): 192 random bits, URL-safe; only its hash is kept.</summary>
    public static string NewLinkSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public static string HashLink(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

public sealed record GuestLink(Invitee Invitee, string Secret);

/// <summary>What changed in a meeting's invitations: posts newly invited, posts uninvited, new guests with their join links.</summary>
public sealed record InvitationChanges(IReadOnlyList<int> AddedPosts, IReadOnlyList<int> RemovedPosts, IReadOnlyList<GuestLink> NewGuests, bool Updated = false);
