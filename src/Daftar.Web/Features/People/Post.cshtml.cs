using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.People;

/// <summary>A post: its office, section, reporting line and who holds it (primary or additional charge).</summary>
public sealed class PostModel(OrganisationDirectory directory, CurrentOfficer current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public PostSummary? Post { get; private set; }
    public Officer? Officer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Post = await directory.GetPostAsync(Id, ct);
        Officer = await current.GetAsync(ct);
        if (Post is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
