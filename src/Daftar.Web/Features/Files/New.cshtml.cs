using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Files;

public sealed class NewModel(DaftarDb db, CurrentOfficer current, CreateFile handler, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public int? HeadNumber { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public FileKind Kind { get; set; } = FileKind.Electronic;
    [BindProperty] public Grading Grading { get; set; } = Grading.Normal;
    [BindProperty] public RetentionCategory Retention { get; set; } = RetentionCategory.C;
    [BindProperty] public int? RetentionYears { get; set; } = 10;
    [BindProperty] public int? SignNotesAtLevel { get; set; }
    public IReadOnlyList<FileHead> Heads { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new CreateFileCommand(Subject, HeadNumber, Category, Kind, Grading, Retention, RetentionYears, SignNotesAtLevel), ct);
        if (result.Succeeded) return Redirect($"/Files/View?id={result.Value}");
        ModelState.AddErrors(result.Errors, l);
        foreach (var e in result.Errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        var postId = officer?.ActingPost?.PostId ?? 0;
        var departmentId = await db.Posts.Where(p => p.Id == postId).Select(p => (int?)p.Office.DepartmentId).SingleOrDefaultAsync(ct);
        Heads = await db.FileHeads.AsNoTracking().Where(h => h.DepartmentId == departmentId).OrderBy(h => h.Number).ToListAsync(ct);
    }
}
