using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.People.Admin;

/// <summary>Renames an office, changes its type, and adds sections to it.</summary>
public sealed class OfficeModel(OrganisationDirectory directory, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? NameHi { get; set; }
    [BindProperty] public OfficeType Type { get; set; }
    [BindProperty] public string? SectionCode { get; set; }
    [BindProperty] public string? SectionNameEn { get; set; }
    [BindProperty] public string? SectionNameHi { get; set; }
    public OfficeDetail? Office { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Office = await directory.GetOfficeAsync(Id, ct);
        if (Office is null) return NotFound();
        (NameEn, NameHi, Type) = (Office.Office.NameEn, Office.Office.NameHi, Office.Office.Type);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([FromServices] SaveOffice handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(Id, new SaveOfficeCommand(null, NameEn, NameHi, Type, null, null), ct);
        return await AfterAsync(result, l["The office has been saved."], "", ct);
    }

    public async Task<IActionResult> OnPostSectionAsync([FromServices] CreateSection handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SaveSectionCommand(Id, SectionCode, SectionNameEn, SectionNameHi), ct);
        return await AfterAsync(result, l["The section has been added."], "Section", ct);
    }

    private async Task<IActionResult> AfterAsync(Result<int> result, string message, string prefix, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return Redirect($"/People/Office?id={Id}");
        }
        ModelState.AddErrors(result.Errors, l, prefix);
        Office = await directory.GetOfficeAsync(Id, ct);
        return Office is null ? NotFound() : Page();
    }
}
