using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>The employee's page: this week's office days, today's attendance, planned leave; links to what their post may do.</summary>
public sealed class IndexModel(RosterQueries rosters, WorkFromHomeAccess access, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Week { get; set; }
    [BindProperty] public DateOnly? LeaveOn { get; set; }
    public MyDaysView? Days { get; private set; }
    public WfhViewer? Viewer { get; private set; }
    public DateOnly Today => clock.Today();
    public WorkPlace? MarkedToday { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMarkAsync(WorkPlace place, [FromServices] MarkAttendance handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new MarkAttendanceCommand(place), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, l);
            return await LoadAsync(ct);
        }
        TempData["Message"] = result.Value!.DiffersFromRoster
            ? l["Marked. The roster has you elsewhere today; your officer will see the difference."].Value
            : l["Marked."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLeaveAsync([FromServices] MarkAttendance handler, CancellationToken ct)
    {
        if (LeaveOn is null)
        {
            ModelState.AddModelError(nameof(LeaveOn), l["Choose the day."]);
            return await LoadAsync(ct);
        }
        var result = await handler.HandleAsync(new MarkAttendanceCommand(WorkPlace.Leave, LeaveOn), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, l, "Leave");
            return await LoadAsync(ct);
        }
        TempData["Message"] = l["The leave is recorded; rosters made from now on keep you out that day."].Value;
        return RedirectToPage();
    }

    /// <summary>The next eight weeks' office days from published rosters, as an iCalendar file (all-day events).</summary>
    public async Task<IActionResult> OnGetCalendarAsync(CancellationToken ct)
    {
        var stamp = clock.GetUtcNow().UtcDateTime;
        var events = new List<Ical.Net.CalendarComponents.CalendarEvent>();
        for (var week = 0; week < 8; week++)
        {
            var days = await rosters.MyWeekAsync(clock.Today().AddDays(7 * week), ct);
            if (!days.Succeeded) return Forbid();
            events.AddRange(days.Value!.OfficeDays.Select(d =>
                RosterCalendar.OfficeDay($"office-{d:yyyyMMdd}-{User.Identity?.Name}@daftar", d, l["In the office (roster)"], null, null, stamp)));
        }
        var ics = RosterCalendar.Ics(events);
        return File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "office-days.ics");
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        Viewer = await access.ViewerAsync(ct);
        if (Viewer is null) return Page();
        var days = await rosters.MyWeekAsync(Week, ct);
        Days = days.Succeeded ? days.Value : null;
        MarkedToday = await access.TodaysMarkAsync(Viewer, ct);
        return Page();
    }
}
