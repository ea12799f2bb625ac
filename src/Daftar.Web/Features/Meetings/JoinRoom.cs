using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>An officer joins an occurrence's room: only the organiser, the chair and holders of invited posts get a token.</summary>
public sealed class JoinRoom(DaftarDb db, CurrentOfficer current, MeetingAccess access, VideoRooms rooms)
{
    public async Task<Result<JoinInfo>> HandleAsync(int occurrenceId, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.EmployeeId is null || officer.Posts.Count == 0) return MeetingsErrors.NoPost;
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        if (occurrence is null || !await access.MaySeeAsync(occurrence.MeetingId, officer, ct))
        {
            // Someone who may not see the meeting learns nothing, not even that it exists, and above all gets no token.
            return Error.NotFound("Meeting");
        }
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        var isManager = occurrence.Meeting.IsManagedBy(posts);
        var invitee = await db.Invitees.Where(i => i.MeetingId == occurrence.MeetingId && !i.Removed && i.PostId != null && posts.Contains(i.PostId.Value))
            .OrderBy(i => i.Id).FirstOrDefaultAsync(ct);
        if (invitee is null && !isManager) return MeetingsErrors.NotInvited;
        var postId = isManager
            ? posts.First(p => p == occurrence.Meeting.ChairPostId || p == occurrence.Meeting.OrganiserPostId)
            : invitee!.PostId!.Value;
        var held = officer.Posts.First(p => p.PostId == postId);
        var display = $"{officer.NameEn} — {held.TitleEn}";
        var grant = await db.JoinGrants.SingleOrDefaultAsync(g => g.OccurrenceId == occurrenceId && g.EmployeeId == officer.EmployeeId, ct);
        return await rooms.EnterAsync(occurrence, grant, () => new JoinGrant(occurrence, invitee?.Id, postId, officer.EmployeeId, VideoRooms.NewParticipantId(), display,
            isManager, access.NowUtc), isChair: posts.Contains(occurrence.Meeting.ChairPostId) || isManager, ct);
    }
}

/// <summary>A guest's join, by the private link in their invitation (no account).</summary>
public sealed class JoinAsGuest(DaftarDb db, MeetingAccess access, MeetingSettings settings, VideoRooms rooms)
{
    public async Task<Result<JoinInfo>> HandleAsync(string secret, CancellationToken ct)
    {
        var hash = MeetingLinks.Hash(secret);
        var invitee = await db.Invitees.SingleOrDefaultAsync(i => i.GuestLinkHash == hash && !i.Removed, ct);
        if (invitee is null) return MeetingsErrors.NotInvited;
        var now = access.NowUtc;
        // The occurrence under way or next, of this guest's meeting.
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting)
            .Where(o => o.MeetingId == invitee.MeetingId && o.Status == OccurrenceStatus.Scheduled && o.EndsAtUtc > now.Add(-settings.Overrun))
            .OrderBy(o => o.StartsAtUtc).FirstOrDefaultAsync(ct);
        if (occurrence is null) return MeetingsErrors.NotOpen;
        var grant = await db.JoinGrants.SingleOrDefaultAsync(g => g.OccurrenceId == occurrence.Id && g.InviteeId == invitee.Id && g.EmployeeId == null, ct);
        return await rooms.EnterAsync(occurrence, grant, () => new JoinGrant(occurrence, invitee.Id, null, null, VideoRooms.NewParticipantId(), $"{invitee.GuestName} (guest)", false, now),
            isChair: false, ct);
    }
}
