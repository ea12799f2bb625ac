using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Ask to be kept out of the office roster; decide the requests of the posts below you.</summary>
public sealed class ExemptionsModel(DecideExemption decide, ExemptionQueries queries, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty] public ExemptionReason Reason { get; set; } = ExemptionReason.Comorbidity;
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }
    [BindProperty] public bool OptsIn { get; set; }
    public IReadOnlyList<ExemptionView> Requests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRequestAsync([FromServices] RequestExemption handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new RequestExemptionCommand(Reason, Details, From, To, OptsIn), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, l);
            return await LoadAsync(ct);
        }
        TempData["Message"] = l["Your request has gone to your controlling officer."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, bool approve, string? remarks, CancellationToken ct)
    {
        var result = await decide.HandleAsync(id, new DecideExemptionCommand(approve, remarks), ct);
        if (!result.Succeeded)
        {
            if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
            ModelState.AddErrors(result.Errors, l);
            return await LoadAsync(ct);
        }
        TempData["Message"] = approve ? l["The request is approved; rosters made from now on keep the employee out."].Value : l["The request is refused."].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var list = await queries.ListAsync(ct);
        Requests = list.Succeeded ? list.Value! : [];
        From ??= clock.Today();
        return Page();
    }
}
