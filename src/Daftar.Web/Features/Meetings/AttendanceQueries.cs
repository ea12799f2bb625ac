using System.Globalization;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>Who came to an occurrence and over a series, on the pages, through the API and as CSV.</summary>
public sealed class AttendanceQueries(DaftarDb db, CurrentOfficer current, MeetingAccess access, MeetingQueries queries, MeetingSettings settings)
{
    public async Task<Result<OccurrenceAttendance>> OccurrenceAsync(int occurrenceId, CancellationToken ct)
    {
        var occurrence = await db.MeetingOccurrences.AsNoTracking().Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        var officer = await current.GetAsync(ct);
        if (occurrence is null || officer is null || !await access.MaySeeAsync(occurrence.MeetingId, officer, ct)) return Error.NotFound("Meeting");
        var stays = await db.Attendance.AsNoTracking().Where(a => a.OccurrenceId == occurrenceId).Include(a => a.Grant).ToListAsync(ct);
        var postIds = stays.Select(s => s.Grant.PostId).OfType<int>().Distinct().ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).Include(p => p.Designation).Include(p => p.Office).ToDictionaryAsync(p => p.Id, ct);
        // One row per person: a grant is one person's in an occurrence, and every stay in the room points to it.
        var rows = stays.GroupBy(s => s.GrantId).Select(g =>
        {
            var grant = g.First().Grant;
            var post = grant.PostId is { } pid ? posts[pid] : null;
            var minutes = (int)Math.Round(g.Sum(s => ((s.LeftAtUtc ?? s.LastSeenAtUtc) - s.JoinedAtUtc).TotalMinutes));
            return (grant.InviteeId, Row: new AttendanceRow(grant.Id, grant.Display, grant.PostId, post?.TitleEn, post?.TitleHi, grant.EmployeeId is null,
                settings.Local(g.Min(s => s.JoinedAtUtc)), g.All(s => s.LeftAtUtc is not null) ? settings.Local(g.Max(s => s.LeftAtUtc!.Value)) : null,
                minutes, g.Count(), Chair: grant.PostId is { } p && occurrence.Meeting.IsManagedBy([p])));
        }).OrderBy(r => r.Row.FirstJoined).ToList();
        var invitees = await queries.InviteesAsync(occurrence.MeetingId, ct);
        var presentInvitees = rows.Where(r => !r.Row.Chair && r.InviteeId is not null).Select(r => r.InviteeId!.Value).ToHashSet();
        var presentPosts = rows.Where(r => !r.Row.Chair).Select(r => r.Row.PostId).OfType<int>().ToHashSet();
        var absent = invitees.Where(i => !presentInvitees.Contains(i.Id) && !(i.PostId is { } p && presentPosts.Contains(p))).ToList();
        return new OccurrenceAttendance(occurrenceId, occurrence.MeetingId, occurrence.Meeting.Title, settings.Local(occurrence.StartsAtUtc),
            invitees.Count, invitees.Count - absent.Count, rows.Select(r => r.Row).ToList(), absent, ChairPresent: rows.Any(r => r.Row.Chair));
    }

    /// <summary>For a series: for each invited post, of the occurrences held, how many it attended.</summary>
    public async Task<Result<SeriesAttendance>> SeriesAsync(int meetingId, CancellationToken ct)
    {
        var meeting = await queries.GetAsync(meetingId, ct);
        return meeting.Succeeded ? await SeriesAsync(meeting.Value!, ct) : Result<SeriesAttendance>.Fail(meeting.Errors);
    }

    /// <summary>The same, for a meeting already read (the meeting page has it).</summary>
    public async Task<SeriesAttendance> SeriesAsync(MeetingView meeting, CancellationToken ct)
    {
        var held = meeting.Occurrences.Where(o => o.Held && o.Status == OccurrenceStatus.Scheduled).Select(o => o.Id).ToList();
        var attended = await db.Attendance.AsNoTracking().Where(a => held.Contains(a.OccurrenceId))
            .Select(a => new { a.OccurrenceId, a.Grant.PostId, a.Grant.InviteeId }).Distinct().ToListAsync(ct);
        var rows = meeting.Invitees.Select(i => new SeriesAttendanceRow(i.PostId, i.HolderEn ?? i.GuestName ?? "", i.HolderHi ?? i.GuestName ?? "", i.PostEn, i.PostHi, held.Count,
                attended.Where(a => i.PostId is { } p ? a.PostId == p : a.InviteeId == i.Id).Select(a => a.OccurrenceId).Distinct().Count()))
            .OrderBy(r => r.Attended).ThenBy(r => r.PostEn).ToList();
        return new SeriesAttendance(meeting.Id, meeting.Title, held.Count, rows);
    }

    /// <summary>One occurrence's attendance as CSV: who came (first join, last leave, minutes, times joined), then who did not.</summary>
    public static byte[] Csv(OccurrenceAttendance a) => CsvExport.Write(
        ["name", "post", "joined", "left", "minutes", "times_joined"],
        a.Rows.Select(r => new[]
            {
                r.Display, r.PostEn ?? "guest", r.FirstJoined?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                r.LastLeft?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.Minutes.ToString(CultureInfo.InvariantCulture), r.Stays.ToString(CultureInfo.InvariantCulture),
            })
            .Concat(a.Absent.Select(i => new[] { i.HolderEn ?? i.GuestName ?? "", i.PostEn ?? "guest", "absent", null, "0", "0" })));

    /// <summary>A series' attendance as CSV: for each invited post, occurrences held and attended.</summary>
    public static byte[] Csv(SeriesAttendance a) => CsvExport.Write(
        ["name", "post", "held", "attended", "rate_percent"],
        a.Rows.Select(r => new[]
        {
            r.Name, r.PostEn ?? "guest", r.Held.ToString(CultureInfo.InvariantCulture), r.Attended.ToString(CultureInfo.InvariantCulture),
            (r.Held == 0 ? 0 : 100 * r.Attended / r.Held).ToString(CultureInfo.InvariantCulture),
        }));
}
