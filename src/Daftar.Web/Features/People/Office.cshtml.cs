using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.People;

/// <summary>An office: its place in the tree, its sections, posts and the offices under it.</summary>
public sealed class OfficeModel(OrganisationDirectory directory, CurrentOfficer current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public OfficeDetail? Detail { get; private set; }
    public Officer? Officer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Detail = await directory.GetOfficeAsync(Id, ct);
        Officer = await current.GetAsync(ct);
        if (Detail is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
