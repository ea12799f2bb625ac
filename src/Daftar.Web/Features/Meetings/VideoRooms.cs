using System.Globalization;
using System.Security.Cryptography;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

public sealed record IceServer(string[] Urls, string? Username = null, string? Credential = null);

/// <summary>What the join page needs to enter the room; the room's secret is never in it.</summary>
public sealed record JoinInfo(int OccurrenceId, int MeetingId, string Title, string JanusPath, string JanusToken, long Room, string RoomToken, long ParticipantId,
    string Display, bool MayPublish, bool IsChair, IReadOnlyList<IceServer> IceServers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? ExternalUrl);

public sealed record RoomParticipant(int GrantId, long ParticipantId, string Display, bool Publishing, bool MayPublish, DateTime? HandRaisedAtUtc, bool InRoom,
    bool MutedByChair = false);
/// <summary>Your standing in the room; <paramref name="MutedByChair"/>: the chair has muted your microphone (only the chair can lift it).</summary>
/// <paramref name="Present"/>: the names of those in the room, when asked for (a page that receives no video shows who is there).
public sealed record RoomState(bool MayPublish, bool Removed, bool HandRaised, bool Ended, IReadOnlyList<RoomParticipant>? Participants, bool MutedByChair = false,
    IReadOnlyList<string>? Present = null);
public sealed record ModerateCommand(int GrantId, string? Action);
/// <summary>One person's attendance of an occurrence: every stay in the room summed (minutes, times joined), first join, last leave.</summary>
public sealed record AttendanceRow(int GrantId, string Display, int? PostId, string? PostEn, string? PostHi, bool Guest, DateTimeOffset? FirstJoined,
    DateTimeOffset? LastLeft, int Minutes, int Stays, bool Chair = false);

/// <summary>
/// Who came: <paramref name="Attended"/> counts invitees present (one per person, however often they rejoined) out of
/// <paramref name="Invited"/>; the chair and the organiser are not invitees and are shown apart (<paramref name="ChairPresent"/>).
/// </summary>
public sealed record OccurrenceAttendance(int OccurrenceId, int MeetingId, string Title, DateTimeOffset StartsAt, int Invited, int Attended, IReadOnlyList<AttendanceRow> Rows,
    IReadOnlyList<InviteeView> Absent, bool ChairPresent = false);
public sealed record SeriesAttendanceRow(int? PostId, string Name, string NameHi, string? PostEn, string? PostHi, int Held, int Attended);
public sealed record SeriesAttendance(int MeetingId, string Title, int Held, IReadOnlyList<SeriesAttendanceRow> Rows);

/// <summary>
/// The video room of each occurrence on Janus, as every room operation uses it: entering (a join grant for invited
/// participants only, the room made on the least loaded server when the first person comes), the caller's standing,
/// the participant list read from the room itself, closing a room, and the poll that records attendance.
/// </summary>
public sealed class VideoRooms(DaftarDb db, CurrentOfficer current, MeetingAccess access, MeetingSettings settings, VideoSettings video, JanusClient janus,
    TimeProvider clock, ILogger<VideoRooms> logger)
{
    /// <summary>Room ids are fixed per occurrence, so two people arriving at once make one room, not two.</summary>
    public static long RoomIdOf(int occurrenceId) => 1_000_000L + occurrenceId;

    public async Task<Result<JoinInfo>> EnterAsync(MeetingOccurrence occurrence, JoinGrant? grant, Func<JoinGrant> newGrant, bool isChair, CancellationToken ct)
    {
        var meeting = occurrence.Meeting;
        if (meeting.IsCancelled || occurrence.IsCancelled) return MeetingsErrors.Cancelled;
        var now = access.NowUtc;
        // Ended — by the chair, or its time is over — is said as such, not as a room that has yet to open.
        if (occurrence.RoomClosedAtUtc is not null || now > occurrence.EndsAtUtc + settings.Overrun) return MeetingsErrors.MeetingEnded;
        if (now < occurrence.StartsAtUtc - settings.OpensBefore) return MeetingsErrors.NotOpen with { Args = [(int)settings.OpensBefore.TotalMinutes] };
        if (grant?.Removed == true) return MeetingsErrors.RemovedByChair;
        // A department's own Jitsi or BigBlueButton: the invited get its link (attendance is then not recorded by Daftar).
        if (meeting.Video == VideoKind.External)
            return new JoinInfo(occurrence.Id, meeting.Id, meeting.Title, "", "", 0, "", 0, "", false, isChair, [], settings.Local(occurrence.StartsAtUtc),
                settings.Local(occurrence.EndsAtUtc), meeting.ExternalUrl);
        if (!video.HasJanus) return MeetingsErrors.NoVideo;

        var made = grant is null;
        if (grant is null)
        {
            grant = newGrant();
            // Small meetings: everyone speaks. Large reviews: the chair and organiser, then whoever the chair lets speak.
            var invited = await db.Invitees.CountAsync(i => i.MeetingId == meeting.Id && !i.Removed, ct) + 2;
            if (invited <= meeting.MaxSpeakers) grant.Promote();
            db.JoinGrants.Add(grant);
        }
        else
        {
            // A new join is a new stream on Janus, and Janus starts it unmuted: the record follows what the room does.
            grant.Unmute();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (made)
        {
            // The same person asked twice at once: the other request made the grant.
            db.ChangeTracker.Clear();
            grant = await db.JoinGrants.SingleAsync(g => g.OccurrenceId == occurrence.Id && g.EmployeeId == grant.EmployeeId && g.InviteeId == grant.InviteeId, ct);
            occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleAsync(o => o.Id == occurrence.Id, ct);
        }

        var server = await EnsureRoomAsync(occurrence, ct);
        if (server is null) return MeetingsErrors.NoVideo;
        var room = occurrence.RoomId!.Value;
        var roomToken = video.RoomToken(server.Name, room, grant.JanusId);
        try
        {
            await janus.AllowAsync(server, room, [roomToken], ct);
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException)
        {
            logger.LogWarning(e, "Janus server {Server} refused to add a participant to room {Room}", server.Name, room);
            return MeetingsErrors.NoVideo;
        }
        var ice = new List<IceServer>();
        if (video.TurnCredentials(grant.JanusId.ToString(CultureInfo.InvariantCulture), clock.GetUtcNow()) is { } turn)
            ice.Add(new IceServer(video.TurnUrls, turn.User, turn.Password));
        var token = VideoSettings.JanusToken(server, new DateTimeOffset(occurrence.EndsAtUtc + settings.Overrun, TimeSpan.Zero));
        return new JoinInfo(occurrence.Id, meeting.Id, meeting.Title, $"/rtc/{server.Name}", token, room, roomToken, grant.JanusId, grant.Display,
            grant.MayPublish, isChair, ice, settings.Local(occurrence.StartsAtUtc), settings.Local(occurrence.EndsAtUtc), null);
    }


    /// <summary>The occurrence's room, made on the least loaded server if it is not there (first arrival, or Janus restarted).</summary>
    private async Task<JanusServer?> EnsureRoomAsync(MeetingOccurrence occurrence, CancellationToken ct)
    {
        var room = RoomIdOf(occurrence.Id);
        try
        {
            if (video.Server(occurrence.JanusServer) is { } existing && occurrence.RoomId == room && await janus.RoomExistsAsync(existing, room, ct))
                return existing;
            var server = await janus.LeastLoadedAsync(ct);
            if (server is null) return null;
            var grants = await db.JoinGrants.Where(g => g.OccurrenceId == occurrence.Id && !g.Removed).Select(g => g.JanusId).ToListAsync(ct);
            try
            {
                await janus.CreateRoomAsync(server, room, $"Daftar meeting {occurrence.MeetingId}/{occurrence.Number}", occurrence.Meeting.MaxSpeakers,
                    grants.Select(g => video.RoomToken(server.Name, room, g)), ct);
            }
            catch (JanusException e) when (e.Message.Contains("(427)", StringComparison.Ordinal))
            {
                // Made a moment ago by someone else's join.
            }
            occurrence.RoomOpened(server.Name, room, access.NowUtc);
            await db.SaveChangesAsync(ct);
            return server;
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException)
        {
            logger.LogWarning(e, "Could not make the room for occurrence {Occurrence}", occurrence.Id);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return video.Server(occurrence.JanusServer);
        }
    }

    public static long NewParticipantId() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1024L + RandomNumberGenerator.GetInt32(1024);

    public static RoomState Standing(JoinGrant grant, IReadOnlyList<RoomParticipant>? participants = null, IReadOnlyList<string>? present = null) =>
        new(grant.MayPublish, grant.Removed, grant.HandRaisedAtUtc is not null, grant.Occurrence.RoomClosedAtUtc is not null || grant.Occurrence.IsCancelled,
            participants, grant.MutedByChair, present);

    public async Task<bool> OwnsAsync(JoinGrant grant, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        return officer?.EmployeeId is { } e && grant.EmployeeId == e;
    }

    public async Task<bool> IsChairAsync(Meeting meeting, CancellationToken ct) =>
        (await current.GetAsync(ct)) is { } o && meeting.IsManagedBy(o.Posts.Select(p => p.PostId));

    public async Task<IReadOnlyList<RoomParticipant>> ParticipantsAsync(MeetingOccurrence occurrence, bool fresh, CancellationToken ct)
    {
        var inRoom = new Dictionary<long, JanusParticipant>();
        if (video.Server(occurrence.JanusServer) is { } server && occurrence.RoomId is { } room && occurrence.RoomClosedAtUtc is null)
        {
            try
            {
                var listed = fresh ? await janus.ParticipantsAsync(server, room, ct) : await janus.RecentParticipantsAsync(server, room, ct);
                foreach (var p in listed) inRoom[p.Id] = p;
            }
            catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException)
            {
                logger.LogWarning(e, "Could not list the room of occurrence {Occurrence}", occurrence.Id);
            }
        }
        var grants = await db.JoinGrants.AsNoTracking().Where(g => g.OccurrenceId == occurrence.Id && !g.Removed).ToListAsync(ct);
        return grants.Select(g => new RoomParticipant(g.Id, g.JanusId, g.Display, inRoom.TryGetValue(g.JanusId, out var p) && p.Publisher, g.MayPublish,
                g.HandRaisedAtUtc, inRoom.ContainsKey(g.JanusId), g.MutedByChair))
            .Where(p => p.InRoom || p.HandRaisedAtUtc is not null)
            .OrderBy(p => p.HandRaisedAtUtc ?? DateTime.MaxValue).ThenBy(p => p.Display).ToList();
    }

    public static async Task CloseRoomAsync(DaftarDb db, JanusClient janus, VideoSettings video, MeetingOccurrence occurrence, DateTime nowUtc, ILogger logger, CancellationToken ct)
    {
        // Recorded first: once the room is gone from Janus, anyone who looks finds the meeting ended, never a room half-closed.
        foreach (var stay in await db.Attendance.Where(a => a.OccurrenceId == occurrence.Id && a.LeftAtUtc == null).ToListAsync(ct)) stay.Left();
        occurrence.RoomClosed(nowUtc);
        await db.SaveChangesAsync(ct);
        if (video.Server(occurrence.JanusServer) is { } server && occurrence.RoomId is { } room)
        {
            try
            {
                await janus.DestroyRoomAsync(server, room, ct);
            }
            catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException)
            {
                logger.LogInformation(e, "Room {Room} on {Server} was already gone", room, server.Name);
            }
        }
    }

    /// <summary>
    /// Reads who is in each open room from Janus and records stays: a participant seen for the first time starts one,
    /// one no longer listed ends at the last time they were seen. Rooms past their end with nobody left are closed.
    /// </summary>
    public static async Task PollAsync(DaftarDb db, JanusClient janus, VideoSettings video, MeetingSettings settings, DateTime nowUtc, ILogger logger, CancellationToken ct)
    {
        var open = await db.MeetingOccurrences.Where(o => o.RoomOpenedAtUtc != null && o.RoomClosedAtUtc == null).ToListAsync(ct);
        foreach (var occurrence in open)
        {
            IReadOnlyList<JanusParticipant> present;
            var server = video.Server(occurrence.JanusServer);
            try
            {
                present = server is null ? [] : await janus.ParticipantsAsync(server, occurrence.RoomId!.Value, ct);
            }
            catch (JanusException)
            {
                present = []; // The room is gone (Janus restarted): everyone has left; the next join makes it again.
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning(e, "Janus server {Server} did not answer; attendance is not updated this round", occurrence.JanusServer);
                continue;
            }
            var ids = present.Select(p => p.Id).ToHashSet();
            var grants = await db.JoinGrants.Where(g => g.OccurrenceId == occurrence.Id && ids.Contains(g.JanusId)).ToDictionaryAsync(g => g.JanusId, ct);
            var stays = await db.Attendance.Where(a => a.OccurrenceId == occurrence.Id && a.LeftAtUtc == null).ToListAsync(ct);
            foreach (var stay in stays)
            {
                if (ids.Contains(stay.JanusId)) stay.Seen(nowUtc);
                else stay.Left();
            }
            foreach (var p in present)
            {
                if (stays.Any(s => s.JanusId == p.Id)) continue;
                if (grants.TryGetValue(p.Id, out var grant)) db.Attendance.Add(new Attendance(grant, nowUtc));
                else if (server is not null)
                {
                    // Someone in the room whom Daftar did not admit: not possible with the allowed list, but never counted.
                    logger.LogWarning("Participant not admitted by Daftar found in room {Room}; removing", occurrence.RoomId);
                    try { await janus.KickAsync(server, occurrence.RoomId!.Value, p.Id, ct); } catch (JanusException) { }
                }
            }
            await db.SaveChangesAsync(ct);
            if (present.Count == 0 && nowUtc > occurrence.EndsAtUtc || nowUtc > occurrence.EndsAtUtc + settings.Overrun)
                await CloseRoomAsync(db, janus, video, occurrence, nowUtc, logger, ct);
        }
    }
}
