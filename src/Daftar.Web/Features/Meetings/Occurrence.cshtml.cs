using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Meetings;

/// <summary>One held occurrence: who attended (from the room), its minutes (drafted, then signed by the chair and others).</summary>
public sealed class OccurrenceModel(AttendanceQueries attendance, MinutesQueries minutesQueries, IStringLocalizer<SharedResource> l) : PageModel
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
        var a = await attendance.OccurrenceAsync(Id, ct);
        if (!a.Succeeded) return false;
        Attendance = a.Value!;
        var minutes = await minutesQueries.GetAsync(Id, ct);
        Minutes = minutes.Value;
        Body ??= Minutes?.Body;
        CanDraft = Minutes?.CanEdit ?? await minutesQueries.CanDraftMinutesAsync(Id, ct);
        return true;
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var a = await attendance.OccurrenceAsync(Id, ct);
        return a.Succeeded ? File(AttendanceQueries.Csv(a.Value!), "text/csv; charset=utf-8", $"attendance-{Id}.csv") : NotFound();
    }

    public async Task<IActionResult> OnGetSeriesExportAsync(int meeting, CancellationToken ct)
    {
        var a = await attendance.SeriesAsync(meeting, ct);
        return a.Succeeded ? File(AttendanceQueries.Csv(a.Value!), "text/csv; charset=utf-8", $"attendance-series-{meeting}.csv") : NotFound();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct) =>
        await minutesQueries.PdfAsync(Id, ct) is { } pdf ? File(pdf.Content, "application/pdf", pdf.FileName) : NotFound();

    public async Task<IActionResult> OnPostSaveAsync([FromServices] SaveMinutes save, CancellationToken ct)
    {
        var saved = await save.HandleAsync(Id, new MinutesCommand(Body), ct);
        return await AfterAsync(saved.Succeeded, saved.Errors, "The minutes are saved.", ct);
    }

    public async Task<IActionResult> OnPostSignAsync([FromServices] SignMinutes sign, CancellationToken ct)
    {
        var signed = await sign.HandleAsync(Id, new SignMinutesCommand(Pin), ct);
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
