using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Write today's report (pre-filled with the day's files); read and remark on the reports of the posts below; the section's week.</summary>
public sealed class ReportsModel(WorkReportQueries reports, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty] public string? Text { get; set; }
    public WorkReportDraft? Draft { get; private set; }
    public IReadOnlyList<WorkReportView> Reports { get; private set; } = [];
    public WeeklySummary? Week { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostWriteAsync([FromServices] SubmitWorkReport submit, CancellationToken ct)
    {
        var result = await submit.HandleAsync(new WorkReportCommand(Text), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, l);
            return await LoadAsync(ct, keepText: true);
        }
        TempData["Message"] = l["Your report is saved; your officer will read it."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemarkAsync(int id, string? remark, [FromServices] RemarkOnWorkReport remarkOn, CancellationToken ct)
    {
        var result = await remarkOn.HandleAsync(id, new RemarkCommand(remark), ct);
        if (!result.Succeeded)
        {
            if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
            ModelState.AddErrors(result.Errors, l);
            return await LoadAsync(ct);
        }
        TempData["Message"] = l["The remark is saved."].Value;
        return RedirectToPage(new { Date });
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct, bool keepText = false)
    {
        var draft = await reports.DraftAsync(ct);
        if (!draft.Succeeded) return Forbid();
        Draft = draft.Value;
        if (!keepText) Text = Draft!.Text;
        Reports = (await reports.ListAsync(Date, ct)).Value ?? [];
        var week = await reports.WeeklyAsync(null, Date, ct);
        Week = week.Succeeded ? week.Value : null;
        return Page();
    }
}
