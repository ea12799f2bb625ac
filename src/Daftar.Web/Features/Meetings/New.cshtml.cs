using Daftar.Data;
using Daftar.Meetings;
using Daftar.People;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Meetings;

public sealed class RuleRow
{
    public OfficeType? OfficeType { get; set; }
    public int? UnderOfficeId { get; set; }
    public int? DesignationId { get; set; }
    public int? DepartmentId { get; set; }
    public RuleInput ToInput() => new(OfficeType, UnderOfficeId, DesignationId, DepartmentId);
}

public sealed record Choice(int Id, string En, string Hi);

/// <summary>Schedules a meeting (or changes one, with ?id=): when, how often, who chairs, the agenda, who is invited.</summary>
public sealed class NewModel(MeetingQueries meetings, FindRecipients recipients, CurrentOfficer current, DaftarDb db, MeetingSettings settings,
    IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public MeetingPurpose Purpose { get; set; } = MeetingPurpose.Review;
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int? ChairPostId { get; set; }
    [BindProperty] public DateOnly? FirstDay { get; set; }
    [BindProperty] public string? StartTime { get; set; } = "10:00";
    [BindProperty] public int? DurationMinutes { get; set; } = 60;
    [BindProperty] public Recurrence Recurrence { get; set; }
    [BindProperty] public List<WeekDays> Days { get; set; } = [];
    [BindProperty] public DateOnly? Until { get; set; }
    [BindProperty] public VideoKind Video { get; set; } = VideoKind.Janus;
    [BindProperty] public string? ExternalUrl { get; set; }
    [BindProperty] public int? MaxSpeakers { get; set; }
    [BindProperty] public string? Agenda { get; set; }
    [BindProperty] public List<int> PostIds { get; set; } = [];
    [BindProperty] public List<RuleRow> Rules { get; set; } = [];
    [BindProperty] public string? Guests { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<FindRecipients.Recipient> Choices { get; private set; } = [];
    public IReadOnlyList<FindRecipients.Recipient> Chosen { get; private set; } = [];
    public string ChairTitle { get; private set; } = "";
    public IReadOnlyList<Choice> Offices { get; private set; } = [];
    public IReadOnlyList<Choice> Designations { get; private set; } = [];
    public IReadOnlyList<Choice> Departments { get; private set; } = [];
    public RulePreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null) return Forbid();
        if (Id is { } id)
        {
            var m = await meetings.GetAsync(id, ct);
            if (!m.Succeeded) return NotFound();
            var v = m.Value!;
            if (!v.CanManage) return Forbid();
            (Title, Purpose, Description, ChairPostId, FirstDay, StartTime, DurationMinutes) = (v.Title, v.Purpose, v.Description, v.Chair.Id, v.FirstDay, v.StartTime, v.DurationMinutes);
            (Recurrence, Until, Video, ExternalUrl, MaxSpeakers) = (v.Recurrence, v.Until, v.Video, v.ExternalUrl, v.MaxSpeakers);
            Days = MeetingLabels.Week.Where(d => v.Days.HasFlag(d)).ToList();
            Agenda = string.Join("\n", v.Agenda.Select(a => a.Title));
            PostIds = v.Invitees.Where(i => i.Source == InviteeSource.ByName && i.PostId is not null).Select(i => i.PostId!.Value).ToList();
            Rules = v.Rules.Select(r => new RuleRow { OfficeType = r.OfficeType, UnderOfficeId = r.UnderOfficeId, DesignationId = r.DesignationId, DepartmentId = r.DepartmentId }).ToList();
            Guests = string.Join("\n", v.Invitees.Where(i => i.GuestEmail is not null).Select(i => $"{i.GuestName} <{i.GuestEmail}>"));
        }
        else
        {
            ChairPostId = officer.ActingPost.PostId;
            FirstDay = DateOnly.FromDateTime(settings.Local(clock.GetUtcNow().UtcDateTime).DateTime).AddDays(1);
        }
        await LoadListsAsync(ct);
        return Page();
    }

    /// <summary>Posts found by name, designation or office (htmx), to tick as invitees or pick as chair.</summary>
    public async Task<IActionResult> OnGetPostsAsync(CancellationToken ct)
    {
        Choices = await recipients.HandleAsync(Q, ct);
        return Partial("_PostChoices", this);
    }

    public async Task<IActionResult> OnPostPreviewAsync(int index, CancellationToken ct)
    {
        var rule = index >= 0 && index < Rules.Count ? Rules[index].ToInput() : new RuleInput();
        var result = await meetings.PreviewAsync(rule, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, l);
            return Partial("_RulePreview", this);
        }
        Preview = result.Value;
        return Partial("_RulePreview", this);
    }

    public async Task<IActionResult> OnPostAsync([FromServices] ScheduleMeeting schedule, [FromServices] ChangeMeeting change, CancellationToken ct)
    {
        var cmd = new MeetingCommand(Title, Purpose, Description, ChairPostId, FirstDay, StartTime, DurationMinutes, Recurrence,
            Days.Aggregate(WeekDays.None, (a, d) => a | d), Until, Video, ExternalUrl, MaxSpeakers,
            (Agenda ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => new AgendaInput(t)).ToList(),
            PostIds, Rules.Select(r => r.ToInput()).ToList(), ParseGuests(Guests));
        var result = Id is { } id ? await change.HandleAsync(id, cmd, ct) : await schedule.HandleAsync(cmd, ct);
        if (result.Succeeded)
        {
            TempData["Message"] = (Id is null ? l["The meeting is scheduled and the invitations have gone out."] : l["The meeting is changed and the invitees have been told."]).Value;
            return Redirect($"/Meetings/View/{result.Value}");
        }
        if (result.Errors[0].Kind is ErrorKind.NotFound && result.Errors[0].Field is null) return NotFound();
        ModelState.AddErrors(result.Errors, l);
        foreach (var e in result.Errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        await LoadListsAsync(ct);
        return Page();
    }

    /// <summary>One guest per line: "Name &lt;email&gt;" or "Name, email" or just the address.</summary>
    public static List<GuestInput> ParseGuests(string? text)
    {
        var list = new List<GuestInput>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lt = line.LastIndexOf('<');
            if (lt > 0 && line.EndsWith('>')) list.Add(new GuestInput(line[..lt].Trim().TrimEnd(','), line[(lt + 1)..^1].Trim()));
            else if (line.LastIndexOf(',') is var comma and > 0) list.Add(new GuestInput(line[..comma].Trim(), line[(comma + 1)..].Trim()));
            else list.Add(new GuestInput(line.Split('@')[0], line));
        }
        return list;
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Offices = await db.Offices.AsNoTracking().OrderBy(o => o.Depth).ThenBy(o => o.NameEn).Take(1000).Select(o => new Choice(o.Id, o.NameEn, o.NameHi)).ToListAsync(ct);
        Designations = await db.Designations.AsNoTracking().OrderBy(d => d.Level).ThenBy(d => d.NameEn).Select(d => new Choice(d.Id, d.NameEn, d.NameHi)).ToListAsync(ct);
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.NameEn).Select(d => new Choice(d.Id, d.NameEn, d.NameHi)).ToListAsync(ct);
        var ids = PostIds.Append(ChairPostId ?? 0).ToList();
        var today = clock.Today();
        var posts = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new
        {
            p.Id,
            p.Code,
            En = p.Designation.NameEn + ", " + p.Office.NameEn,
            Hi = p.Designation.NameHi + ", " + p.Office.NameHi,
            Holder = p.Assignments.Where(a => a.From <= today && (a.To == null || a.To >= today)).Select(a => new { a.Employee.NameEn, a.Employee.NameHi }).FirstOrDefault(),
        }).ToListAsync(ct);
        Chosen = posts.Where(p => PostIds.Contains(p.Id)).Select(p => new FindRecipients.Recipient(p.Id, p.Code, p.En, p.Hi, p.Holder?.NameEn, p.Holder?.NameHi, "match")).ToList();
        ChairTitle = posts.FirstOrDefault(p => p.Id == ChairPostId) is { } c ? Localisation.Pick(c.En, c.Hi) : "";
        while (Rules.Count < 3) Rules.Add(new RuleRow());
    }
}
