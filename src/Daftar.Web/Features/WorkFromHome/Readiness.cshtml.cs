using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Readiness to work from home of an office's staff, a column per registered <see cref="IReadinessFact"/>.</summary>
public sealed class ReadinessModel(OfficeReadiness readiness) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Office { get; set; }
    public ReadinessView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await readiness.HandleAsync(Office, ct);
        if (!result.Succeeded) return NotFound();
        View = result.Value;
        return Page();
    }
}
