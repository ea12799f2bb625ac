using Daftar.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Letters;

/// <summary>The dispatch register of the letters the officer may see: search by number, subject or recipient, by mode and dates; export to CSV.</summary>
public sealed class RegisterModel(Dispatching dispatching) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public DispatchMode? Mode { get; set; }
    public IReadOnlyList<DispatchRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var rows = await dispatching.RegisterAsync(Q, From, To, Mode, ct);
        if (!rows.Succeeded) return Forbid();
        Rows = rows.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await dispatching.RegisterAsync(Q, From, To, Mode, ct);
        return rows.Succeeded ? File(Dispatching.Csv(rows.Value!), "text/csv; charset=utf-8", "dispatch-register.csv") : Forbid();
    }
}
