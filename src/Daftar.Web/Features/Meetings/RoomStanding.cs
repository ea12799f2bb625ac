using Daftar.Data;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>The caller's standing in the room (polled by the join pages), and for the chair who is in it and who has a hand up.</summary>
public sealed class RoomStanding(DaftarDb db, VideoRooms rooms)
{
    public async Task<Result<RoomState>> OfficerAsync(int occurrenceId, long participantId, CancellationToken ct, bool present = false)
    {
        var grant = await db.JoinGrants.Include(g => g.Occurrence).ThenInclude(o => o.Meeting)
            .SingleOrDefaultAsync(g => g.OccurrenceId == occurrenceId && g.JanusId == participantId, ct);
        if (grant is null || !await rooms.OwnsAsync(grant, ct)) return Error.NotFound("Meeting");
        var chair = await rooms.IsChairAsync(grant.Occurrence.Meeting, ct);
        // The chair moderates from a fresh listing; a page that only shows who is here can take one a poll old.
        var participants = chair || present ? await rooms.ParticipantsAsync(grant.Occurrence, fresh: chair, ct) : null;
        var names = present ? participants!.Where(p => p.InRoom).Select(p => p.Display).ToList() : null;
        return VideoRooms.Standing(grant, chair ? participants : null, names);
    }

    /// <summary>A guest's standing, by the private link: speak or watch, the chair's mute, removal, the end (never the chair's list).</summary>
    public async Task<Result<RoomState>> GuestAsync(string secret, long participantId, CancellationToken ct)
    {
        var hash = MeetingLinks.Hash(secret);
        var grant = await db.JoinGrants.Include(g => g.Occurrence)
            .SingleOrDefaultAsync(g => g.JanusId == participantId && g.EmployeeId == null && db.Invitees.Any(i => i.Id == g.InviteeId && i.GuestLinkHash == hash), ct);
        return grant is null ? Error.NotFound("Meeting") : VideoRooms.Standing(grant);
    }
}

/// <summary>Raises or lowers the caller's hand in the room.</summary>
public sealed class RaiseHand(DaftarDb db, MeetingAccess access, VideoRooms rooms, RoomStanding standing)
{
    public async Task<Result<RoomState>> HandleAsync(int occurrenceId, long participantId, bool raise, CancellationToken ct)
    {
        var grant = await db.JoinGrants.SingleOrDefaultAsync(g => g.OccurrenceId == occurrenceId && g.JanusId == participantId, ct);
        if (grant is null || !await rooms.OwnsAsync(grant, ct)) return Error.NotFound("Meeting");
        if (raise) grant.RaiseHand(access.NowUtc);
        else grant.LowerHand();
        await db.SaveChangesAsync(ct);
        return await standing.OfficerAsync(occurrenceId, participantId, ct);
    }

}

/// <summary>The chair lets someone speak (video), stops them, mutes or unmutes their microphone in the room, or removes them.</summary>
public sealed class ModerateRoom(DaftarDb db, CurrentOfficer current, MeetingAccess access, VideoRooms rooms, VideoSettings video, JanusClient janus,
    AuditActor audit, ILogger<ModerateRoom> logger)
{
    public async Task<Result<int>> HandleAsync(int occurrenceId, ModerateCommand cmd, CancellationToken ct)
    {
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        var officer = await current.GetAsync(ct);
        if (occurrence is null || officer is null || !await access.MaySeeAsync(occurrence.MeetingId, officer, ct)) return Error.NotFound("Meeting");
        if (!await rooms.IsChairAsync(occurrence.Meeting, ct)) return MeetingsErrors.NotManager;
        var grant = await db.JoinGrants.SingleOrDefaultAsync(g => g.Id == cmd.GrantId && g.OccurrenceId == occurrenceId, ct);
        if (grant is null) return Error.Unknown("grantId", "Participant");
        audit.ActingPostId = officer.ActingPost?.PostId;
        var server = video.Server(occurrence.JanusServer);
        try
        {
            switch (cmd.Action)
            {
                case "promote":
                    if (!grant.MayPublish && await db.JoinGrants.CountAsync(g => g.OccurrenceId == occurrenceId && g.MayPublish && !g.Removed, ct) >= occurrence.Meeting.MaxSpeakers)
                        return MeetingsErrors.SpeakersFull with { Args = [occurrence.Meeting.MaxSpeakers] };
                    grant.Promote();
                    break;
                case "demote": grant.Demote(); break;
                case "mute" when server is not null && occurrence.RoomId is { } room:
                    grant.MuteByChair();
                    await janus.MuteAudioAsync(server, room, grant.JanusId, true, ct);
                    break;
                case "unmute" when server is not null && occurrence.RoomId is { } room:
                    grant.Unmute();
                    await janus.MuteAudioAsync(server, room, grant.JanusId, false, ct);
                    break;
                case "remove":
                    grant.Remove();
                    if (server is not null && occurrence.RoomId is { } r)
                    {
                        await janus.DisallowAsync(server, r, video.RoomToken(server.Name, r, grant.JanusId), ct);
                        await janus.KickAsync(server, r, grant.JanusId, ct);
                    }
                    break;
                case "mute" or "unmute": return MeetingsErrors.NoVideo;
                default: return Error.NotInList("action");
            }
        }
        catch (JanusException e) when (e.Message.Contains("(428)", StringComparison.Ordinal) || e.Message.Contains("(435)", StringComparison.Ordinal))
        {
            // They are not in the room (left already, or not sending sound): the standing is still recorded below.
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException)
        {
            logger.LogWarning(e, "Moderation on room of occurrence {Occurrence} failed", occurrenceId);
            return MeetingsErrors.NoVideo;
        }
        await db.SaveChangesAsync(ct);
        return grant.Id;
    }
}

/// <summary>The chair ends the meeting for everyone: the room is destroyed and attendance closed.</summary>
public sealed class EndRoom(DaftarDb db, CurrentOfficer current, MeetingAccess access, VideoRooms rooms, VideoSettings video, JanusClient janus,
    ILogger<EndRoom> logger)
{
    public async Task<Result<int>> HandleAsync(int occurrenceId, CancellationToken ct)
    {
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        var officer = await current.GetAsync(ct);
        if (occurrence is null || officer is null || !await access.MaySeeAsync(occurrence.MeetingId, officer, ct)) return Error.NotFound("Meeting");
        if (!await rooms.IsChairAsync(occurrence.Meeting, ct)) return MeetingsErrors.NotManager;
        await VideoRooms.CloseRoomAsync(db, janus, video, occurrence, access.NowUtc, logger, ct);
        return occurrenceId;
    }
}
