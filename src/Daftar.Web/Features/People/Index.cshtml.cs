using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.People;

/// <summary>The organisation: search, and the office tree from the top (branches open on demand).</summary>
public sealed class IndexModel(OrganisationDirectory directory) : PageModel
{
    public IReadOnlyList<OfficeSummary> Top { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Top = await directory.GetChildOfficesAsync(null, ct);
}
