using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.People;

/// <summary>Finds people, posts and offices by name in either script; htmx asks for the results alone.</summary>
public sealed class SearchModel(OrganisationDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public DirectoryResults Found { get; private set; } = null!;
    public bool PartialOnly { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q?.Length > 100) Q = Q[..100];
        PartialOnly = Request.Headers.ContainsKey("HX-Request");
        Found = await directory.SearchAsync(Q, 20, ct);
    }
}
