using Daftar.WorkFromHome;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>A department's tasks and posts with verdicts and reasons; "what if" takes chosen facts as no longer true.</summary>
public sealed class CatalogueModel(TaskCatalogue catalogue, Daftar.Data.DaftarDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Department { get; set; }
    [BindProperty(SupportsGet = true)] public List<TaskFact> Assume { get; set; } = [];
    [BindProperty(SupportsGet = true)] public Verdict? Show { get; set; }
    public CatalogueView? View { get; private set; }
    public CatalogueView? Before { get; private set; }
    public IReadOnlyList<(int Id, string Code, string NameEn, string NameHi)> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var away = TaskFacts.Combine(Assume.Where(f => TaskFacts.All.Contains(f)));
        var result = await catalogue.DepartmentAsync(Department, away, ct);
        if (!result.Succeeded) return result.Errors[0].Kind == Infrastructure.ErrorKind.NotFound ? NotFound() : Forbid();
        View = result.Value;
        if (away != TaskFact.None) Before = (await catalogue.DepartmentAsync(Department, TaskFact.None, ct)).Value;
        Departments = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Departments.OrderBy(d => d.Code).Select(d => new { d.Id, d.Code, d.NameEn, d.NameHi }), ct)).Select(d => (d.Id, d.Code, d.NameEn, d.NameHi)).ToList();
        return Page();
    }

    public TaskImportAnswer? Imported { get; private set; }

    /// <summary>Imports tasks from a CSV or Excel file; the report (each error's row and column) is shown on the page.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? mode, [FromServices] ImportTasks import, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            await using var stream = file.OpenReadStream();
            var result = await import.HandleAsync(stream, file.FileName, mode == "valid-rows" ? People.Import.ImportMode.ValidRows : People.Import.ImportMode.AllOrNothing, ct);
            if (!result.Succeeded) return Forbid();
            Imported = result.Value;
        }
        return await OnGetAsync(ct);
    }

    /// <summary>The verdict a post had before the "what if", when it differs.</summary>
    public Verdict? MovedFrom(PostVerdictView post)
    {
        var before = Before?.Posts.FirstOrDefault(p => p.PostId == post.PostId)?.Assessment?.Verdict;
        return before is not null && before != post.Assessment?.Verdict ? before : null;
    }

    public Verdict? MovedFrom(TaskView task)
    {
        var before = Before?.Tasks.FirstOrDefault(t => t.Id == task.Id)?.Assessment.Verdict;
        return before is not null && before != task.Assessment.Verdict ? before : null;
    }
}
