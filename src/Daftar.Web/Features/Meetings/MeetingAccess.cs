using System.Security.Cryptography;
using System.Text;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>
/// Who sees a meeting and who manages it, for every meeting operation: the organiser and the chair manage a meeting;
/// it is seen by them and by whoever holds an invited post today.
/// </summary>
public sealed class MeetingAccess(DaftarDb db, CurrentOfficer current, MeetingSettings settings, TimeProvider clock, AuditActor audit)
{
    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in the meetings' time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(settings.Local(NowUtc).DateTime);

    /// <summary>An occurrence the caller (holding a post today) may see, with whether they manage its meeting.</summary>
    public async Task<Result<(MeetingOccurrence Occurrence, Officer Officer, bool Manager)>> LoadOccurrenceAsync(int occurrenceId, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.EmployeeId is null || officer.ActingPost is null) return MeetingsErrors.NoPost;
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        if (occurrence is null || !await MaySeeAsync(occurrence.MeetingId, officer, ct)) return Error.NotFound("Meeting");
        audit.ActingPostId = officer.ActingPost.PostId;
        return (occurrence, officer, occurrence.Meeting.IsManagedBy(officer.Posts.Select(p => p.PostId)));
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

    /// <summary>The meeting with everything a change touches, if the caller manages it.</summary>
    public async Task<Result<Meeting>> LoadForManagerAsync(int id, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null) return MeetingsErrors.NoPost;
        var meeting = await db.Meetings.Include(m => m.Occurrences).Include(m => m.Agenda).Include(m => m.Invitees).Include(m => m.Rules)
            .AsSplitQuery().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null || !await MaySeeAsync(meeting.Id, officer, ct)) return Error.NotFound("Meeting");
        if (!meeting.IsManagedBy(officer.Posts.Select(p => p.PostId))) return MeetingsErrors.NotManager;
        if (meeting.IsCancelled) return MeetingsErrors.Cancelled;
        audit.ActingPostId = officer.ActingPost.PostId;
        return meeting;
    }

    /// <summary>Saves a change; a change someone else made to the meeting at the same moment is refused, not overwritten.</summary>
    public async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return MeetingsErrors.ChangedMeanwhile;
        }
    }
}

/// <summary>Secrets carried in URLs (a guest's join link, a calendar feed).</summary>
public static class MeetingLinks
{
    /// <summary>192 random bits, URL-safe; only its hash is kept.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
