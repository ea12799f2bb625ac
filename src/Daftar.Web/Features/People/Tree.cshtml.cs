using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.People;

/// <summary>One branch of the office tree (htmx opens it under its parent).</summary>
public sealed class TreeModel(OrganisationDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? ParentId { get; set; }
    public IReadOnlyList<OfficeSummary> Children { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Children = await directory.GetChildOfficesAsync(ParentId is 0 ? null : ParentId, ct);
}
