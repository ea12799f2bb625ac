using System.Globalization;
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

public sealed record GuestLink(Invitee Invitee, string Secret);

/// <summary>What changed in a meeting's invitations: posts newly invited, posts uninvited, new guests with their join links.</summary>
public sealed record InvitationChanges(IReadOnlyList<int> AddedPosts, IReadOnlyList<int> RemovedPosts, IReadOnlyList<GuestLink> NewGuests, bool Updated = false);

/// <summary>
/// What scheduling and changing a meeting share: the form checked against the organisation, and the invitees brought in
/// line with the named posts, the rules (resolved to today's posts) and the guests.
/// </summary>
public sealed class MeetingPlanning(DaftarDb db, CurrentOfficer current, MeetingSettings settings)
{
    public sealed record CheckedMeeting(string Title, MeetingPurpose Purpose, string? Description, Post Chair, MeetingSchedule Schedule, VideoKind Video,
        string? ExternalUrl, int MaxSpeakers, List<AgendaItem> Agenda, List<int> PostIds, List<RuleInput> Rules, List<(string Name, string Email)> Guests);

    public async Task<Result<CheckedMeeting>> ValidateAsync(MeetingCommand cmd, CancellationToken ct)
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

    public static TimeOnly? ParseTime(string? value, Validation v)
    {
        if (TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        v.Add(MeetingsErrors.InvalidTime);
        return null;
    }

    /// <summary>
    /// Brings the invitees in line with the named posts, the rules (resolved to today's posts) and the guests: new ones
    /// are added, ones no longer wanted are marked removed (their attendance stays). Returns who to invite and uninvite.
    /// </summary>
    public async Task<Result<InvitationChanges>> SetParticipantsAsync(Meeting meeting, CheckedMeeting c, CancellationToken ct)
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
            var secret = MeetingLinks.NewSecret();
            guestLinks.Add(new GuestLink(meeting.InviteGuest(name, email, MeetingLinks.Hash(secret)), secret));
        }
        return new InvitationChanges(added, removed, guestLinks);
    }

    /// <summary>Active posts matching every condition of a rule; "under an office" means anywhere in its subtree, itself included.</summary>
    public async Task<IQueryable<Post>> MatchingAsync(RuleInput rule, CancellationToken ct)
    {
        var q = db.Posts.Where(p => p.IsActive);
        if (rule.OfficeType is { } type) q = q.Where(p => p.Office.Type == type);
        if (rule.DesignationId is { } des) q = q.Where(p => p.DesignationId == des);
        if (rule.DepartmentId is { } dep) q = q.Where(p => p.Office.DepartmentId == dep);
        if (rule.UnderOfficeId is { } under)
        {
            var offices = await OrganisationDirectory.SubtreeAsync(db, under, ct);
            q = q.Where(p => offices.Contains(p.OfficeId));
        }
        return q;
    }

}
