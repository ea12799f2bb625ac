using Daftar.People;

namespace Daftar.Meetings;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MeetingPurpose>))]
public enum MeetingPurpose { Review = 1, Training = 2, General = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Recurrence>))]
public enum Recurrence { None = 0, Daily = 1, EveryOtherDay = 2, Weekly = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<WeekDays>))]
[Flags]
public enum WeekDays { None = 0, Monday = 1, Tuesday = 2, Wednesday = 4, Thursday = 8, Friday = 16, Saturday = 32, Sunday = 64 }

/// <summary>Where the meeting is held: a room on Daftar's own Janus, or a link the department already uses (Jitsi, BigBlueButton).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<VideoKind>))]
public enum VideoKind { Janus = 1, External = 2 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<OccurrenceStatus>))]
public enum OccurrenceStatus { Scheduled = 1, Cancelled = 2 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<InviteeSource>))]
public enum InviteeSource { ByName = 1, ByRule = 2, Guest = 3 }

/// <summary>When and how often: the first day, the time of day in the office's time zone, the length, and the repeat rule.</summary>
public sealed record MeetingSchedule(DateOnly FirstDay, TimeOnly StartTime, int DurationMinutes, Recurrence Recurrence, WeekDays Days, DateOnly? Until)
{
    /// <summary>A recurring review is capped at a year of occurrences; a longer series is scheduled again.</summary>
    public const int MaxOccurrences = 400;

    /// <summary>The days this schedule falls on, in order.</summary>
    public IEnumerable<DateOnly> DaysHeld()
    {
        if (Recurrence == Recurrence.None)
        {
            yield return FirstDay;
            yield break;
        }
        var last = Until ?? FirstDay;
        var count = 0;
        for (var day = FirstDay; day <= last && count < MaxOccurrences; day = day.AddDays(1))
        {
            var falls = Recurrence switch
            {
                Recurrence.Daily => true,
                Recurrence.EveryOtherDay => (day.DayNumber - FirstDay.DayNumber) % 2 == 0,
                Recurrence.Weekly => Days.HasFlag(Flag(day.DayOfWeek)),
                _ => false,
            };
            if (!falls) continue;
            count++;
            yield return day;
        }
    }

    public static WeekDays Flag(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => WeekDays.Monday,
        DayOfWeek.Tuesday => WeekDays.Tuesday,
        DayOfWeek.Wednesday => WeekDays.Wednesday,
        DayOfWeek.Thursday => WeekDays.Thursday,
        DayOfWeek.Friday => WeekDays.Friday,
        DayOfWeek.Saturday => WeekDays.Saturday,
        _ => WeekDays.Sunday,
    };
}

/// <summary>
/// A meeting or a recurring review (DESIGN 2.4): the chair and organiser posts, the agenda, the invited posts (by name
/// or by a rule over the organisation) and guests, and one occurrence per day it is held. Invitations go to posts, so
/// whoever holds the post on the day is invited.
/// </summary>
[Daftar.Audit.Audited("meeting", nameof(Id))]
public class Meeting
{
    private Meeting() { }

    public Meeting(string title, MeetingPurpose purpose, string? description, Post chair, Post organiser, Employee createdBy, MeetingSchedule schedule,
        TimeZoneInfo zone, VideoKind video, string? externalUrl, int maxSpeakers, DateTimeOffset now)
    {
        Uid = Guid.NewGuid().ToString("N") + "@daftar";
        Title = title;
        Purpose = purpose;
        Description = description;
        ChairPost = chair;
        OrganiserPost = organiser;
        CreatedBy = createdBy;
        Video = video;
        ExternalUrl = externalUrl;
        MaxSpeakers = maxSpeakers;
        CreatedAt = now;
        Version = Guid.NewGuid();
        Reschedule(schedule, zone);
    }

    public int Id { get; private set; }
    /// <summary>The iCalendar UID: calendars match updates and cancellations to the invitation by it.</summary>
    public string Uid { get; private set; } = "";
    public string Title { get; private set; } = "";
    public MeetingPurpose Purpose { get; private set; }
    public string? Description { get; private set; }
    public int ChairPostId { get; private set; }
    public Post ChairPost { get; private set; } = null!;
    public int OrganiserPostId { get; private set; }
    public Post OrganiserPost { get; private set; } = null!;
    public int CreatedById { get; private set; }
    public Employee CreatedBy { get; private set; } = null!;
    public DateOnly FirstDay { get; private set; }
    public TimeOnly StartTime { get; private set; }
    public int DurationMinutes { get; private set; }
    public Recurrence Recurrence { get; private set; }
    public WeekDays Days { get; private set; }
    public DateOnly? Until { get; private set; }
    public VideoKind Video { get; private set; }
    public string? ExternalUrl { get; private set; }
    /// <summary>How many may send video at once; the rest watch and raise a hand.</summary>
    public int MaxSpeakers { get; private set; }
    public bool IsCancelled { get; private set; }
    /// <summary>The iCalendar SEQUENCE: raised on every change that invitees' calendars must pick up.</summary>
    public int Sequence { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid Version { get; private set; }
    private readonly List<MeetingOccurrence> _occurrences = [];
    private readonly List<AgendaItem> _agenda = [];
    private readonly List<Invitee> _invitees = [];
    private readonly List<ParticipantRule> _rules = [];
    public IReadOnlyList<MeetingOccurrence> Occurrences => _occurrences;
    public IReadOnlyList<AgendaItem> Agenda => _agenda;
    public IReadOnlyList<Invitee> Invitees => _invitees;
    public IReadOnlyList<ParticipantRule> Rules => _rules;

    public MeetingSchedule Schedule => new(FirstDay, StartTime, DurationMinutes, Recurrence, Days, Until);

    public bool IsManagedBy(IEnumerable<int> postIds) => postIds.Any(p => p == ChairPostId || p == OrganiserPostId);

    /// <summary>
    /// Sets the schedule and brings the occurrences in line: days no longer in it are cancelled (kept, so attendance and
    /// minutes stay), new days are added, and the times of untouched future occurrences follow the new time.
    /// </summary>
    public void Reschedule(MeetingSchedule schedule, TimeZoneInfo zone)
    {
        FirstDay = schedule.FirstDay;
        StartTime = schedule.StartTime;
        DurationMinutes = schedule.DurationMinutes;
        Recurrence = schedule.Recurrence;
        Days = schedule.Recurrence == Recurrence.Weekly ? schedule.Days : WeekDays.None;
        Until = schedule.Recurrence == Recurrence.None ? null : schedule.Until;
        var days = Schedule.DaysHeld().ToHashSet();
        foreach (var o in Occurrences.Where(o => !days.Contains(o.OriginalDay))) o.Cancel();
        var number = Occurrences.Count == 0 ? 0 : Occurrences.Max(o => o.Number);
        foreach (var day in days.Order())
        {
            var (start, end) = Window(day, StartTime, DurationMinutes, zone);
            if (Occurrences.FirstOrDefault(o => o.OriginalDay == day) is { } existing)
            {
                if (!existing.IsMoved) existing.SetTimes(day, start, end, moved: false);
                continue;
            }
            _occurrences.Add(new MeetingOccurrence(this, ++number, day, start, end));
        }
        Sequence++;
        Version = Guid.NewGuid();
    }

    public void Update(string title, MeetingPurpose purpose, string? description, Post chair, VideoKind video, string? externalUrl, int maxSpeakers)
    {
        Title = title;
        Purpose = purpose;
        Description = description;
        ChairPost = chair;
        ChairPostId = chair.Id;
        Video = video;
        ExternalUrl = externalUrl;
        MaxSpeakers = maxSpeakers;
        Sequence++;
        Version = Guid.NewGuid();
    }

    public void Cancel()
    {
        IsCancelled = true;
        foreach (var o in Occurrences) o.Cancel();
        Sequence++;
        Version = Guid.NewGuid();
    }

    /// <summary>Raises the sequence after one occurrence changed, so the calendars take the change.</summary>
    public void Touch()
    {
        Sequence++;
        Version = Guid.NewGuid();
    }

    /// <summary>Replaces the agenda; an item that keeps its title keeps its owner, file and document unless new ones are given.</summary>
    public void SetAgenda(IEnumerable<AgendaItem> items)
    {
        var old = _agenda.ToList();
        _agenda.Clear();
        foreach (var item in items)
        {
            if (old.FirstOrDefault(o => o.Title == item.Title) is { } kept)
            {
                old.Remove(kept);
                kept.Renumber(item.Order);
                if (item.OwnerPostId is not null) kept.Assign(item.OwnerPostId);
                if (item.FileId is not null) kept.LinkFile(item.FileId);
                _agenda.Add(kept);
            }
            else _agenda.Add(item);
        }
    }

    /// <summary>
    /// Brings the invited posts in line with <paramref name="wanted"/> (each post with how it was invited: by name, or by
    /// the rule at that index of <paramref name="rules"/>, or -1) and keeps the rules. A post no longer wanted is marked
    /// removed, not deleted (its attendance stays); one wanted again is restored. Returns the posts added and removed.
    /// </summary>
    public (IReadOnlyList<int> Added, IReadOnlyList<int> Removed) InvitePosts(IReadOnlyList<ParticipantRule> rules,
        IReadOnlyDictionary<int, (Post Post, InviteeSource Source, int RuleIndex)> wanted)
    {
        _rules.Clear();
        _rules.AddRange(rules);
        var left = wanted.ToDictionary();
        var added = new List<int>();
        var removed = new List<int>();
        foreach (var invitee in _invitees.Where(i => i.PostId is not null))
        {
            if (left.Remove(invitee.PostId!.Value, out var how))
            {
                if (invitee.Removed)
                {
                    invitee.Restore();
                    added.Add(invitee.PostId.Value);
                }
                invitee.InvitedBy(how.Source, how.RuleIndex >= 0 ? rules[how.RuleIndex] : null);
            }
            else if (!invitee.Removed)
            {
                invitee.Remove();
                removed.Add(invitee.PostId.Value);
            }
        }
        foreach (var (postId, how) in left)
        {
            _invitees.Add(Invitee.ForPost(how.Post, how.Source, how.RuleIndex >= 0 ? rules[how.RuleIndex] : null));
            added.Add(postId);
        }
        return (added, removed);
    }

    /// <summary>Keeps the guests whose e-mail is in <paramref name="emails"/>, removes the others; returns the e-mails not yet invited.</summary>
    public IReadOnlySet<string> KeepGuests(IEnumerable<string> emails)
    {
        var notYet = emails.ToHashSet();
        foreach (var guest in _invitees.Where(i => i.GuestEmail is not null))
        {
            if (!notYet.Remove(guest.GuestEmail!) && !guest.Removed) guest.Remove();
        }
        return notYet;
    }

    /// <summary>Invites someone from outside by e-mail; only the hash of their private join link is kept.</summary>
    public Invitee InviteGuest(string name, string email, string linkHash)
    {
        var guest = Invitee.Guest(name, email, linkHash);
        _invitees.Add(guest);
        return guest;
    }

    public static (DateTime StartUtc, DateTime EndUtc) Window(DateOnly day, TimeOnly time, int minutes, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        var start = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return (start, start.AddMinutes(minutes));
    }
}

/// <summary>One day a meeting is held: its own times (movable), its status, its Janus room while open, and its attendance.</summary>
[Daftar.Audit.Audited("meeting", nameof(MeetingId))]
public class MeetingOccurrence
{
    private MeetingOccurrence() { }

    internal MeetingOccurrence(Meeting meeting, int number, DateOnly day, DateTime startUtc, DateTime endUtc)
    {
        Meeting = meeting;
        Number = number;
        OriginalDay = day;
        Day = day;
        StartsAtUtc = startUtc;
        EndsAtUtc = endUtc;
        OriginalStartsAtUtc = startUtc;
        Status = OccurrenceStatus.Scheduled;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public Meeting Meeting { get; private set; } = null!;
    public int Number { get; private set; }
    /// <summary>The day the series put it on; calendars know a moved occurrence by its original start (RECURRENCE-ID).</summary>
    public DateOnly OriginalDay { get; private set; }
    public DateTime OriginalStartsAtUtc { get; private set; }
    public DateOnly Day { get; private set; }
    public DateTime StartsAtUtc { get; private set; }
    public DateTime EndsAtUtc { get; private set; }
    public bool IsMoved { get; private set; }
    public OccurrenceStatus Status { get; private set; }
    public string? JanusServer { get; private set; }
    public long? RoomId { get; private set; }
    public DateTime? RoomOpenedAtUtc { get; private set; }
    public DateTime? RoomClosedAtUtc { get; private set; }
    public bool ReminderSent { get; private set; }

    public bool IsCancelled => Status == OccurrenceStatus.Cancelled;

    internal void SetTimes(DateOnly day, DateTime startUtc, DateTime endUtc, bool moved)
    {
        Day = day;
        StartsAtUtc = startUtc;
        EndsAtUtc = endUtc;
        IsMoved = moved;
        if (!moved) OriginalStartsAtUtc = startUtc;
    }

    /// <summary>Moves this one occurrence (the series keeps its rule); refused once it has been held.</summary>
    public MeetingError? Move(DateOnly day, TimeOnly time, int minutes, TimeZoneInfo zone, DateTime nowUtc)
    {
        if (IsCancelled) return MeetingError.OccurrenceCancelled;
        if (RoomOpenedAtUtc is not null || EndsAtUtc <= nowUtc) return MeetingError.AlreadyHeld;
        var (start, end) = Meeting.Window(day, time, minutes, zone);
        if (end <= nowUtc) return MeetingError.InThePast;
        SetTimes(day, start, end, moved: true);
        ReminderSent = false;
        return null;
    }

    public MeetingError? CancelOne(DateTime nowUtc)
    {
        if (IsCancelled) return MeetingError.OccurrenceCancelled;
        if (RoomOpenedAtUtc is not null || EndsAtUtc <= nowUtc) return MeetingError.AlreadyHeld;
        Cancel();
        return null;
    }

    internal void Cancel()
    {
        if (RoomOpenedAtUtc is null && RoomClosedAtUtc is null) Status = OccurrenceStatus.Cancelled;
    }

    public void RoomOpened(string server, long roomId, DateTime nowUtc)
    {
        JanusServer = server;
        RoomId = roomId;
        RoomOpenedAtUtc ??= nowUtc;
        RoomClosedAtUtc = null;
    }

    public void RoomClosed(DateTime nowUtc) => RoomClosedAtUtc = nowUtc;

    public void MarkReminded() => ReminderSent = true;
}

[Daftar.Audit.Audited("meeting", nameof(MeetingId))]
public class AgendaItem
{
    private AgendaItem() { }

    public AgendaItem(int order, string title, int? ownerPostId, int? fileId)
    {
        Order = order;
        Title = title;
        OwnerPostId = ownerPostId;
        FileId = fileId;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public int Order { get; private set; }
    public string Title { get; private set; } = "";
    public int? OwnerPostId { get; private set; }
    public Post? OwnerPost { get; private set; }
    /// <summary>The e-file whose papers go with this item.</summary>
    public int? FileId { get; private set; }
    public string? DocumentHash { get; private set; }
    public string? DocumentName { get; private set; }

    internal void Renumber(int order) => Order = order;

    public void Assign(int? ownerPostId)
    {
        OwnerPostId = ownerPostId;
    }

    public void LinkFile(int? fileId) => FileId = fileId;

    public void AttachDocument(string hash, string name)
    {
        DocumentHash = hash;
        DocumentName = name;
    }
}

/// <summary>
/// "Every SHO under Jaipur Range": invites every active post that matches all the conditions given — office type,
/// within an office's subtree, designation, department. Resolved to posts when saved and again before invitations go.
/// </summary>
[Daftar.Audit.Audited("meeting", nameof(MeetingId))]
public class ParticipantRule
{
    private ParticipantRule() { }

    public ParticipantRule(OfficeType? officeType, int? underOfficeId, int? designationId, int? departmentId)
    {
        OfficeType = officeType;
        UnderOfficeId = underOfficeId;
        DesignationId = designationId;
        DepartmentId = departmentId;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public OfficeType? OfficeType { get; private set; }
    public int? UnderOfficeId { get; private set; }
    public int? DesignationId { get; private set; }
    public int? DepartmentId { get; private set; }
}

/// <summary>A post invited to a meeting (by name or by a rule), or a guest by e-mail with a private join link.</summary>
[Daftar.Audit.Audited("meeting", nameof(MeetingId))]
public class Invitee
{
    private Invitee() { }

    public static Invitee ForPost(Post post, InviteeSource source, ParticipantRule? rule) =>
        new() { Post = post, PostId = post.Id, Source = source, Rule = rule };

    public static Invitee Guest(string name, string email, string linkHash) =>
        new() { GuestName = name, GuestEmail = email, GuestLinkHash = linkHash, Source = InviteeSource.Guest };

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public int? PostId { get; private set; }
    public Post? Post { get; private set; }
    public InviteeSource Source { get; private set; }
    public int? RuleId { get; private set; }
    public ParticipantRule? Rule { get; private set; }
    public string? GuestName { get; private set; }
    public string? GuestEmail { get; private set; }
    /// <summary>SHA-256 of the guest's join link secret; the link itself is only in the guest's e-mail.</summary>
    public string? GuestLinkHash { get; private set; }
    public bool Removed { get; private set; }

    public void Remove() => Removed = true;
    public void Restore() => Removed = false;

    /// <summary>How the post came to be invited now: by name, or by one of the meeting's rules.</summary>
    public void InvitedBy(InviteeSource source, ParticipantRule? rule)
    {
        Source = source;
        Rule = rule;
        if (rule is null) RuleId = null;
    }
}

public sealed record MeetingError(string Code, string Message)
{
    public static readonly MeetingError OccurrenceCancelled = new("occurrence_cancelled", "This occurrence is cancelled.");
    public static readonly MeetingError AlreadyHeld = new("occurrence_held", "This occurrence has already been held or is under way; it cannot be changed.");
    public static readonly MeetingError InThePast = new("in_the_past", "The new time is already past.");
}
