using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>The controlling officer's attendance register for a day, with each post's e-File work of that day.</summary>
public sealed class RegisterModel(AttendanceRegister register) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    public AttendanceRegisterView? View { get; private set; }

    /// <summary>The month's register as an Excel workbook.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? month, [FromServices] MonthlyRegister monthly, CancellationToken ct)
    {
        var result = await monthly.HandleAsync(month, ct);
        if (!result.Succeeded) return BadRequest();
        return File(result.Value!, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"attendance-{month ?? Date?.ToString("yyyy-MM") ?? "this-month"}.xlsx");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await register.HandleAsync(Date, ct);
        if (!result.Succeeded) return Forbid();
        View = result.Value;
        return Page();
    }
}
