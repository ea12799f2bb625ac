using System.Globalization;
using System.Security.Cryptography;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.Notifications;
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
/// The video room of each occurrence on Janus: join tokens for invited participants only, the room made on the least
/// loaded server when the first person comes, the chair's controls (mute, remove, let speak), and attendance read from
/// the room's own participant list.
/// </summary>
public sealed class Rooms(DaftarDb db, CurrentOfficer current, Meetings meetings, MeetingSettings settings, VideoSettings video, JanusClient janus,
    TimeProvider clock, AuditActor audit, ILogger<Rooms> logger)
{
    public static readonly Error NotInvited = new("not_invited", "You are not invited to this meeting.", ErrorKind.Forbidden);
    public static readonly Error NotOpen = new("room_not_open", "The room opens {0} minutes before the meeting starts, and closes after it ends.", ErrorKind.Conflict, null, 15);
    public static readonly Error NoVideo = new("video_unavailable", "No video server is available right now. Try again in a minute, or tell the IT cell.", ErrorKind.Conflict);
    public static readonly Error RemovedByChair = new("removed_by_chair", "The chair has removed you from this meeting.", ErrorKind.Forbidden);
    public static readonly Error SpeakersFull = new("speakers_full", "{0} people can already speak with video. Stop someone's video first.", ErrorKind.Conflict, null, 0);

    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>Room ids are fixed per occurrence, so two people arriving at once make one room, not two.</summary>
    public static long RoomIdOf(int occurrenceId) => 1_000_000L + occurrenceId;

    public async Task<Result<JoinInfo>> JoinAsync(int occurrenceId, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.EmployeeId is null || officer.Posts.Count == 0) return Meetings.NoPost;
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        if (occurrence is null || !await meetings.MaySeeAsync(occurrence.MeetingId, officer, ct))
        {
            // Someone who may not see the meeting learns nothing, not even that it exists, and above all gets no token.
            return Error.NotFound("Meeting");
        }
        var posts = officer.Posts.Select(p => p.PostId).ToArray();
        var isManager = occurrence.Meeting.IsManagedBy(posts);
        var invitee = await db.Invitees.Where(i => i.MeetingId == occurrence.MeetingId && !i.Removed && i.PostId != null && posts.Contains(i.PostId.Value))
            .OrderBy(i => i.Id).FirstOrDefaultAsync(ct);
        if (invitee is null && !isManager) return NotInvited;
        var postId = isManager
            ? posts.First(p => p == occurrence.Meeting.ChairPostId || p == occurrence.Meeting.OrganiserPostId)
            : invitee!.PostId!.Value;
        var held = officer.Posts.First(p => p.PostId == postId);
        var display = $"{officer.NameEn} — {held.TitleEn}";
        var grant = await db.JoinGrants.SingleOrDefaultAsync(g => g.OccurrenceId == occurrenceId && g.EmployeeId == officer.EmployeeId, ct);
        return await EnterAsync(occurrence, grant, () => new JoinGrant(occurrence, invitee?.Id, postId, officer.EmployeeId, NewParticipantId(), display,
            isManager, NowUtc), isChair: posts.Contains(occurrence.Meeting.ChairPostId) || isManager, ct);
    }

    /// <summary>A guest's join, by the private link in their invitation (no account).</summary>
    public async Task<Result<JoinInfo>> GuestJoinAsync(string secret, CancellationToken ct)
    {
        var hash = Meetings.HashLink(secret);
        var invitee = await db.Invitees.SingleOrDefaultAsync(i => i.GuestLinkHash == hash && !i.Removed, ct);
        if (invitee is null) return NotInvited;
        var now = NowUtc;
        // The occurrence under way or next, of this guest's meeting.
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting)
            .Where(o => o.MeetingId == invitee.MeetingId && o.Status == OccurrenceStatus.Scheduled && o.EndsAtUtc > now.Add(-settings.Overrun))
            .OrderBy(o => o.StartsAtUtc).FirstOrDefaultAsync(ct);
        if (occurrence is null) return NotOpen;
        var grant = await db.JoinGrants.SingleOrDefaultAsync(g => g.OccurrenceId == occurrence.Id && g.InviteeId == invitee.Id && g.EmployeeId == null, ct);
        return await EnterAsync(occurrence, grant, () => new JoinGrant(occurrence, invitee.Id, null, null, NewParticipantId(), $"{invitee.GuestName} (guest)", false, now),
            isChair: false, ct);
    }

    private async Task<Result<JoinInfo>> EnterAsync(MeetingOccurrence occurrence, JoinGrant? grant, Func<JoinGrant> newGrant, bool isChair, CancellationToken ct)
    {
        var meeting = occurrence.Meeting;
        if (meeting.IsCancelled || occurrence.IsCancelled) return Meetings.Cancelled;
        var now = NowUtc;
        // Ended — by the chair, or its time is over — is said as such, not as a room that has yet to open.
        if (occurrence.RoomClosedAtUtc is not null || now > occurrence.EndsAtUtc + settings.Overrun) return MeetingsErrors.MeetingEnded;
        if (now < occurrence.StartsAtUtc - settings.OpensBefore) return NotOpen with { Args = [(int)settings.OpensBefore.TotalMinutes] };
        if (grant?.Removed == true) return RemovedByChair;
        // A department's own Jitsi or BigBlueButton: the invited get its link (attendance is then not recorded by Daftar).
        if (meeting.Video == VideoKind.External)
            return new JoinInfo(occurrence.Id, meeting.Id, meeting.Title, "", "", 0, "", 0, "", false, isChair, [], settings.Local(occurrence.StartsAtUtc),
                settings.Local(occurrence.EndsAtUtc), meeting.ExternalUrl);
        if (!video.HasJanus) return NoVideo;

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
        if (server is null) return NoVideo;
        var room = occurrence.RoomId!.Value;
        var roomToken = video.RoomToken(server.Name, room, grant.JanusId);
        try
        {
            await janus.AllowAsync(server, room, [roomToken], ct);
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException)
        {
            logger.LogWarning(e, "Janus server {Server} refused to add a participant to room {Room}", server.Name, room);
            return NoVideo;
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
            occurrence.RoomOpened(server.Name, room, NowUtc);
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

    private static long NewParticipantId() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1024L + RandomNumberGenerator.GetInt32(1024);

    /// <summary>The caller's standing in the room, and for the chair who is in it and who has a hand up.</summary>
    public async Task<Result<RoomState>> StateAsync(int occurrenceId, long participantId, CancellationToken ct, bool present = false)
    {
        var grant = await db.JoinGrants.Include(g => g.Occurrence).ThenInclude(o => o.Meeting)
            .SingleOrDefaultAsync(g => g.OccurrenceId == occurrenceId && g.JanusId == participantId, ct);
        if (grant is null || !await OwnsAsync(grant, ct)) return Error.NotFound("Meeting");
        var chair = await IsChairAsync(grant.Occurrence.Meeting, ct);
        // The chair moderates from a fresh listing; a page that only shows who is here can take one a poll old.
        var participants = chair || present ? await ParticipantsAsync(grant.Occurrence, fresh: chair, ct) : null;
        var names = present ? participants!.Where(p => p.InRoom).Select(p => p.Display).ToList() : null;
        return Standing(grant, chair ? participants : null, names);
    }

    private static RoomState Standing(JoinGrant grant, IReadOnlyList<RoomParticipant>? participants = null, IReadOnlyList<string>? present = null) =>
        new(grant.MayPublish, grant.Removed, grant.HandRaisedAtUtc is not null, grant.Occurrence.RoomClosedAtUtc is not null || grant.Occurrence.IsCancelled,
            participants, grant.MutedByChair, present);

    /// <summary>A guest's standing, by the private link: speak or watch, the chair's mute, removal, the end (never the chair's list).</summary>
    public async Task<Result<RoomState>> GuestStateAsync(string secret, long participantId, CancellationToken ct)
    {
        var hash = Meetings.HashLink(secret);
        var grant = await db.JoinGrants.Include(g => g.Occurrence)
            .SingleOrDefaultAsync(g => g.JanusId == participantId && g.EmployeeId == null && db.Invitees.Any(i => i.Id == g.InviteeId && i.GuestLinkHash == hash), ct);
        return grant is null ? Error.NotFound("Meeting") : Standing(grant);
    }

    public async Task<Result<RoomState>> HandAsync(int occurrenceId, long participantId, bool raise, CancellationToken ct)
    {
        var grant = await db.JoinGrants.SingleOrDefaultAsync(g => g.OccurrenceId == occurrenceId && g.JanusId == participantId, ct);
        if (grant is null || !await OwnsAsync(grant, ct)) return Error.NotFound("Meeting");
        if (raise) grant.RaiseHand(NowUtc);
        else grant.LowerHand();
        await db.SaveChangesAsync(ct);
        return await StateAsync(occurrenceId, participantId, ct);
    }

    /// <summary>The chair lets someone speak (video), stops them, mutes their microphone in the room, or removes them.</summary>
    public async Task<Result<int>> ModerateAsync(int occurrenceId, ModerateCommand cmd, CancellationToken ct)
    {
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        var officer = await current.GetAsync(ct);
        if (occurrence is null || officer is null || !await meetings.MaySeeAsync(occurrence.MeetingId, officer, ct)) return Error.NotFound("Meeting");
        if (!await IsChairAsync(occurrence.Meeting, ct)) return Meetings.NotManager;
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
                        return SpeakersFull with { Args = [occurrence.Meeting.MaxSpeakers] };
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
                case "mute" or "unmute": return NoVideo;
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
            return NoVideo;
        }
        await db.SaveChangesAsync(ct);
        return grant.Id;
    }

    /// <summary>The chair ends the meeting for everyone: the room is destroyed and attendance closed.</summary>
    public async Task<Result<int>> EndAsync(int occurrenceId, CancellationToken ct)
    {
        var occurrence = await db.MeetingOccurrences.Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        var officer = await current.GetAsync(ct);
        if (occurrence is null || officer is null || !await meetings.MaySeeAsync(occurrence.MeetingId, officer, ct)) return Error.NotFound("Meeting");
        if (!await IsChairAsync(occurrence.Meeting, ct)) return Meetings.NotManager;
        await CloseRoomAsync(db, janus, video, occurrence, NowUtc, logger, ct);
        return occurrenceId;
    }

    private async Task<bool> OwnsAsync(JoinGrant grant, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        return officer?.EmployeeId is { } e && grant.EmployeeId == e;
    }

    private async Task<bool> IsChairAsync(Meeting meeting, CancellationToken ct) =>
        (await current.GetAsync(ct)) is { } o && meeting.IsManagedBy(o.Posts.Select(p => p.PostId));

    private async Task<IReadOnlyList<RoomParticipant>> ParticipantsAsync(MeetingOccurrence occurrence, bool fresh, CancellationToken ct)
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

    public async Task<Result<OccurrenceAttendance>> AttendanceAsync(int occurrenceId, CancellationToken ct)
    {
        var occurrence = await db.MeetingOccurrences.AsNoTracking().Include(o => o.Meeting).SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        var officer = await current.GetAsync(ct);
        if (occurrence is null || officer is null || !await meetings.MaySeeAsync(occurrence.MeetingId, officer, ct)) return Error.NotFound("Meeting");
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
        var invitees = await meetings.InviteesAsync(occurrence.MeetingId, ct);
        var presentInvitees = rows.Where(r => !r.Row.Chair && r.InviteeId is not null).Select(r => r.InviteeId!.Value).ToHashSet();
        var presentPosts = rows.Where(r => !r.Row.Chair).Select(r => r.Row.PostId).OfType<int>().ToHashSet();
        var absent = invitees.Where(i => !presentInvitees.Contains(i.Id) && !(i.PostId is { } p && presentPosts.Contains(p))).ToList();
        return new OccurrenceAttendance(occurrenceId, occurrence.MeetingId, occurrence.Meeting.Title, settings.Local(occurrence.StartsAtUtc),
            invitees.Count, invitees.Count - absent.Count, rows.Select(r => r.Row).ToList(), absent, ChairPresent: rows.Any(r => r.Row.Chair));
    }

    /// <summary>For a series: for each invited post, of the occurrences held, how many it attended.</summary>
    public async Task<Result<SeriesAttendance>> SeriesAttendanceAsync(int meetingId, CancellationToken ct)
    {
        var meeting = await meetings.GetAsync(meetingId, ct);
        return meeting.Succeeded ? await SeriesAttendanceAsync(meeting.Value!, ct) : Result<SeriesAttendance>.Fail(meeting.Errors);
    }

    /// <summary>The same, for a meeting already read (the meeting page has it).</summary>
    public async Task<SeriesAttendance> SeriesAttendanceAsync(MeetingView meeting, CancellationToken ct)
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

/// <summary>
/// The meetings' clock: reads attendance from Janus every few seconds (Meetings:PollSeconds), closes finished rooms,
/// reminds invitees before a meeting starts, and reminds posts of overdue action items once a day.
/// </summary>
public sealed class MeetingFollowUp(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ILogger<MeetingFollowUp> logger) : Infrastructure.PeriodicWork(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(config.GetValue("Meetings:PollSeconds", 5.0));

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) => RunOnceAsync(services, clock.GetUtcNow().UtcDateTime, ct);

    public static async Task RunOnceAsync(IServiceProvider services, DateTime nowUtc, CancellationToken ct)
    {
        var db = services.GetRequiredService<DaftarDb>();
        var settings = services.GetRequiredService<MeetingSettings>();
        var logger = services.GetRequiredService<ILogger<MeetingFollowUp>>();
        await Rooms.PollAsync(db, services.GetRequiredService<JanusClient>(), services.GetRequiredService<VideoSettings>(), settings, nowUtc, logger, ct);

        var notifier = services.GetRequiredService<Notifier>();
        var mail = services.GetRequiredService<MeetingMail>();
        var urls = services.GetRequiredService<Daftar.Web.Features.Signing.SigningSettings>();
        var soon = nowUtc + settings.ReminderBefore;
        var due = await db.MeetingOccurrences.Include(o => o.Meeting)
            .Where(o => !o.ReminderSent && o.Status == OccurrenceStatus.Scheduled && o.StartsAtUtc <= soon && o.EndsAtUtc > nowUtc && !o.Meeting.IsCancelled)
            .OrderBy(o => o.StartsAtUtc).ThenBy(o => o.Id).Take(100).ToListAsync(ct);
        var today = DateOnly.FromDateTime(settings.Local(nowUtc).DateTime);
        foreach (var o in due)
        {
            var posts = await db.Invitees.Where(i => i.MeetingId == o.MeetingId && !i.Removed && i.PostId != null).Select(i => i.PostId!.Value).ToListAsync(ct);
            posts.Add(o.Meeting.ChairPostId);
            foreach (var post in posts.Distinct())
                await notifier.ToPostAsync(post, new Notice("meetingSoon", o.Meeting.Title, $"/Meetings/Join/{o.Id}"));
            if (mail.IsConfigured)
            {
                // Officers in their account's language with the join page; guests, as their invitation did, in both.
                var emails = await db.PostAssignments.Where(a => posts.Contains(a.PostId) && a.From <= today && (a.To == null || a.To >= today) && a.Employee.Email != null)
                    .Select(a => new { a.Employee.NameEn, a.Employee.Email, Culture = db.Users.Where(u => u.EmployeeId == a.EmployeeId).Select(u => u.PreferredCulture).FirstOrDefault() })
                    .Distinct().ToListAsync(ct);
                var guests = await db.Invitees.Where(i => i.MeetingId == o.MeetingId && !i.Removed && i.GuestEmail != null).Select(i => new { i.GuestName, i.GuestEmail }).ToListAsync(ct);
                var start = settings.Local(o.StartsAtUtc).ToString("HH:mm", CultureInfo.InvariantCulture);
                var join = $"{urls.PublicUrl}/Meetings/Join/{o.Id.ToString(CultureInfo.InvariantCulture)}";
                foreach (var e in emails.DistinctBy(e => e.Email))
                {
                    var words = e.Culture == "hi" ? InvitationWords.Hindi : InvitationWords.English;
                    mail.Enqueue(new OutgoingMail(e.NameEn, e.Email!, words.ReminderSubject(o.Meeting.Title, start), words.ReminderBody(o.Meeting.Title, start, join), null, null));
                }
                foreach (var g in guests)
                    mail.Enqueue(new OutgoingMail(g.GuestName ?? "", g.GuestEmail!, InvitationWords.Both.ReminderSubject(o.Meeting.Title, start),
                        InvitationWords.Both.ReminderBody(o.Meeting.Title, start, null), null, null));
            }
            o.MarkReminded();
        }
        await db.SaveChangesAsync(ct);

        var overdue = await db.ActionItems.Include(a => a.Meeting)
            .Where(a => a.DueOn < today && a.Status != ActionStatus.Done && a.Status != ActionStatus.Dropped && (a.LastRemindedOn == null || a.LastRemindedOn < today))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(500).ToListAsync(ct);
        foreach (var item in overdue)
        {
            await notifier.ToPostAsync(item.AssigneePostId, new Notice("actionOverdue", item.Meeting.Title, "/Meetings/Actions"));
            item.Reminded(today);
        }
        await db.SaveChangesAsync(ct);
    }
}
