using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.People.Admin;

/// <summary>Moves a post: its designation, office, section, reporting post and level.</summary>
public sealed class PostModel(DaftarDb db, OrganisationDirectory directory, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? DesignationCode { get; set; }
    [BindProperty] public string? OfficeCode { get; set; }
    [BindProperty] public string? SectionCode { get; set; }
    [BindProperty] public string? ReportsToCode { get; set; }
    [BindProperty] public int? Level { get; set; }
    public PostSummary? Post { get; private set; }
    public IReadOnlyList<Daftar.People.Designation> Designations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Post = await directory.GetPostAsync(Id, ct);
        if (Post is null) return NotFound();
        var current = await db.Posts.AsNoTracking().Where(p => p.Id == Id)
            .Select(p => new { p.Designation.Code, Office = p.Office.Code }).SingleAsync(ct);
        (DesignationCode, OfficeCode, SectionCode, ReportsToCode, Level) = (current.Code, current.Office, Post.SectionCode, Post.ReportsToCode, Post.Level);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SavePost handler, CancellationToken ct)
    {
        var placement = await PostPlacement.ResolveAsync(db, OfficeCode, SectionCode, ReportsToCode, ct);
        var errors = placement.Errors.ToList();
        if (errors.Count == 0)
        {
            var result = await handler.HandleAsync(Id, new SavePostCommand(null, DesignationCode, placement.OfficeId!.Value, placement.SectionId, placement.ReportsToId, Level), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = l["The post has been saved."].Value;
                return Redirect($"/People/Post?id={Id}");
            }
            errors.AddRange(result.Errors.Select(e => e with { Field = e.Field == "reportsToId" ? "reportsToCode" : e.Field == "sectionId" ? "sectionCode" : e.Field }));
        }
        ModelState.AddErrors(errors, l);
        Post = await directory.GetPostAsync(Id, ct);
        if (Post is null) return NotFound();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Designations = await db.Designations.AsNoTracking().OrderBy(d => d.Level).ThenBy(d => d.Code).ToListAsync(ct);
}
