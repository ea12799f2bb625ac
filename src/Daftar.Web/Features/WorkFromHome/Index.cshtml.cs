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
        var ics = new System.Text.StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Daftar//Work from home//EN\r\nCALSCALE:GREGORIAN\r\n");
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        for (var week = 0; week < 8; week++)
        {
            var days = await rosters.MyWeekAsync(clock.Today().AddDays(7 * week), ct);
            if (!days.Succeeded) return Forbid();
            foreach (var d in days.Value!.OfficeDays)
            {
                var day = d.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
                ics.Append($"BEGIN:VEVENT\r\nUID:office-{day}-{User.Identity?.Name}@daftar\r\nDTSTAMP:{stamp}\r\nDTSTART;VALUE=DATE:{day}\r\nDTEND;VALUE=DATE:{d.AddDays(1):yyyyMMdd}\r\nSUMMARY:{l["In the office (roster)"]}\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
            }
        }
        ics.Append("END:VCALENDAR\r\n");
        return File(System.Text.Encoding.UTF8.GetBytes(ics.ToString()), "text/calendar; charset=utf-8", "office-days.ics");
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
