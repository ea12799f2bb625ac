using System.Globalization;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.People;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

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

/// <summary>What a meeting's pages and the API read: a meeting, its invitees, the caller's calendar, a rule's preview, an agenda document.</summary>
public sealed class MeetingQueries(DaftarDb db, CurrentOfficer current, MeetingAccess access, MeetingPlanning planning, MeetingSettings settings,
    OrganisationDirectory directory, BlobStore blobs)
{
    public async Task<Result<MeetingView>> GetAsync(int id, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null || !await access.MaySeeAsync(id, officer, ct)) return Error.NotFound("Meeting");
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
        var now = access.NowUtc;
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
        if (officer is null) return MeetingsErrors.NoPost;
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        var first = from ?? DateOnly.FromDateTime(settings.Local(access.NowUtc).DateTime);
        var last = to ?? first.AddDays(30);
        if (last < first || last.DayNumber - first.DayNumber > 366)
            return MeetingsErrors.InvalidRange;
        var rows = await db.MeetingOccurrences.AsNoTracking()
            .Where(o => o.Day >= first && o.Day <= last && access.VisibleTo(posts).Any(m => m.Id == o.MeetingId))
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
        if (await current.GetAsync(ct) is null) return MeetingsErrors.NoPost;
        if (rule.IsEmpty) return MeetingsErrors.EmptyRule;
        var query = await planning.MatchingAsync(rule, ct);
        var count = await query.CountAsync(ct);
        var posts = await directory.PostSummariesAsync(query, 200, ct);
        return new RulePreview(count, posts, count > posts.Count);
    }

    /// <summary>An agenda item's document, for anyone who sees the meeting.</summary>
    public async Task<(Stream Content, string ContentType, string FileName)?> AgendaDocumentAsync(int id, int order, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null || !await access.MaySeeAsync(id, officer, ct)) return null;
        var doc = await db.AgendaItems.Where(a => a.MeetingId == id && a.Order == order && a.DocumentHash != null)
            .Select(a => new { a.DocumentHash, a.DocumentName }).SingleOrDefaultAsync(ct);
        if (doc is null || blobs.OpenRead(doc.DocumentHash!) is not { } stream) return null;
        var head = new byte[8];
        var read = await stream.ReadAsync(head, ct);
        stream.Position = 0;
        var type = BlobStore.Sniff(head.AsSpan(0, read)) ?? "application/octet-stream";
        return (stream, type, StoredBlob.SafeFileName(doc.DocumentName, type));
    }
}
