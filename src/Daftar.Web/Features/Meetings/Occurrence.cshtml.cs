using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Meetings;

/// <summary>One held occurrence: who attended (from the room), its minutes (drafted, then signed by the chair and others).</summary>
public sealed class OccurrenceModel(Rooms rooms, MeetingFollowUps followUps, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public OccurrenceAttendance Attendance { get; private set; } = null!;
    public MinutesView? Minutes { get; private set; }
    public bool CanDraft { get; private set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Pin { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var a = await rooms.AttendanceAsync(Id, ct);
        if (!a.Succeeded) return false;
        Attendance = a.Value!;
        var minutes = await followUps.GetMinutesAsync(Id, ct);
        Minutes = minutes.Value;
        Body ??= Minutes?.Body;
        CanDraft = Minutes?.CanEdit ?? await followUps.CanDraftMinutesAsync(Id, ct);
        return true;
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var a = await rooms.AttendanceAsync(Id, ct);
        return a.Succeeded ? File(Rooms.Csv(a.Value!), "text/csv; charset=utf-8", $"attendance-{Id}.csv") : NotFound();
    }

    public async Task<IActionResult> OnGetSeriesExportAsync(int meeting, CancellationToken ct)
    {
        var a = await rooms.SeriesAttendanceAsync(meeting, ct);
        return a.Succeeded ? File(Rooms.Csv(a.Value!), "text/csv; charset=utf-8", $"attendance-series-{meeting}.csv") : NotFound();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct) =>
        await followUps.MinutesPdfAsync(Id, ct) is { } pdf ? File(pdf.Content, "application/pdf", pdf.FileName) : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var saved = await followUps.SaveMinutesAsync(Id, new MinutesCommand(Body), ct);
        return await AfterAsync(saved.Succeeded, saved.Errors, "The minutes are saved.", ct);
    }

    public async Task<IActionResult> OnPostSignAsync(CancellationToken ct)
    {
        var signed = await followUps.SignMinutesAsync(Id, new SignMinutesCommand(Pin), ct);
        return await AfterAsync(signed.Succeeded, signed.Errors, "The minutes are signed.", ct);
    }

    private async Task<IActionResult> AfterAsync(bool ok, IReadOnlyList<Error> errors, string message, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Message"] = l[message].Value;
            return Redirect($"/Meetings/Occurrence/{Id}");
        }
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.AddErrors(errors, l);
        foreach (var e in errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        return Page();
    }
}
