namespace Daftar.Meetings;

/// <summary>
/// Leave to enter one occurrence's room, given to an invited post's holder or a guest: the participant id Daftar
/// assigns them in Janus (so the room's own participant list says who is there), whether they may send video, and the
/// chair's hand-raise and removal state.
/// </summary>
[Daftar.Audit.Audited]
public class JoinGrant
{
    private JoinGrant() { }

    public JoinGrant(MeetingOccurrence occurrence, int? inviteeId, int? postId, int? employeeId, long janusId, string display, bool mayPublish, DateTime nowUtc)
    {
        Occurrence = occurrence;
        InviteeId = inviteeId;
        PostId = postId;
        EmployeeId = employeeId;
        JanusId = janusId;
        Display = display;
        MayPublish = mayPublish;
        IssuedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int OccurrenceId { get; private set; }
    public MeetingOccurrence Occurrence { get; private set; } = null!;
    public int? InviteeId { get; private set; }
    public int? PostId { get; private set; }
    public int? EmployeeId { get; private set; }
    public long JanusId { get; private set; }
    public string Display { get; private set; } = "";
    public bool MayPublish { get; private set; }
    public DateTime? HandRaisedAtUtc { get; private set; }
    public bool Removed { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }

    public void RaiseHand(DateTime nowUtc) => HandRaisedAtUtc ??= nowUtc;
    public void LowerHand() => HandRaisedAtUtc = null;

    public void Promote()
    {
        MayPublish = true;
        HandRaisedAtUtc = null;
    }

    public void Demote() => MayPublish = false;

    /// <summary>The chair has muted this participant's microphone in the room; they cannot undo it themselves.</summary>
    public bool MutedByChair { get; private set; }

    public void MuteByChair() => MutedByChair = true;

    /// <summary>The chair lifts the mute; a new join starts a new stream on Janus, unmuted, so it lifts it too.</summary>
    public void Unmute() => MutedByChair = false;
    public void Remove() => Removed = true;
}

/// <summary>One stay in a room, as Janus saw it: who (by the participant id Daftar gave them), from when to when.</summary>
public class Attendance
{
    private Attendance() { }

    public Attendance(JoinGrant grant, DateTime joinedUtc)
    {
        Grant = grant;
        OccurrenceId = grant.OccurrenceId;
        JanusId = grant.JanusId;
        JoinedAtUtc = joinedUtc;
        LastSeenAtUtc = joinedUtc;
    }

    public int Id { get; private set; }
    public int OccurrenceId { get; private set; }
    public int GrantId { get; private set; }
    public JoinGrant Grant { get; private set; } = null!;
    public long JanusId { get; private set; }
    public DateTime JoinedAtUtc { get; private set; }
    public DateTime LastSeenAtUtc { get; private set; }
    public DateTime? LeftAtUtc { get; private set; }

    public void Seen(DateTime nowUtc) => LastSeenAtUtc = nowUtc;

    /// <summary>Closes the stay at the last time the room listed them (not the time the absence was noticed).</summary>
    public void Left() => LeftAtUtc = LastSeenAtUtc;
}

/// <summary>A personal calendar feed: the SHA-256 of a secret URL that calendar programs fetch without signing in.</summary>
public class CalendarFeed
{
    private CalendarFeed() { }

    public CalendarFeed(int accountId, string tokenHash, DateTimeOffset now)
    {
        AccountId = accountId;
        TokenHash = tokenHash;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public int AccountId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
}
