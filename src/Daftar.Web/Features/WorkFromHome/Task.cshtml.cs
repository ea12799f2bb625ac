using Daftar.People;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Adds a task to a department's catalogue or changes one: names, sections, facts, and who performs it (one "designation office-type" a line).</summary>
public sealed class TaskModel(Daftar.Data.DaftarDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true)] public int? Department { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? NameHi { get; set; }
    [BindProperty] public string? Sections { get; set; }
    [BindProperty] public List<TaskFact> Facts { get; set; } = [];
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Performers { get; set; }
    [BindProperty] public bool IsActive { get; set; } = true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not { } id) return Page();
        var task = await db.WorkTasks.AsNoTracking().Include(t => t.Performers).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return NotFound();
        var designations = await db.Designations.ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        (Code, NameEn, NameHi, Sections, Note, IsActive) = (task.Code, task.NameEn, task.NameHi, task.Sections, task.Note, task.IsActive);
        Facts = task.Facts.List().ToList();
        Performers = string.Join("\n", task.Performers.Select(p => $"{designations[p.DesignationId]} {p.OfficeType}"));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SaveTask handler, CancellationToken ct)
    {
        var performers = new List<PerformerCommand>();
        foreach (var line in (Performers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !Enum.TryParse<OfficeType>(parts[1], ignoreCase: true, out var type))
            {
                ModelState.AddModelError(nameof(Performers), l["Write one designation code and office type a line, e.g. \"LDC Secretariat\"."]);
                return Page();
            }
            performers.Add(new PerformerCommand(parts[0], type));
        }
        var department = Department is { } d ? await db.Departments.Where(x => x.Id == d).Select(x => x.Code).SingleOrDefaultAsync(ct) : null;
        var result = await handler.HandleAsync(Id, new SaveTaskCommand(Code, NameEn, NameHi, (Sections ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Facts, Note, performers, department, IsActive), ct);
        if (!result.Succeeded)
        {
            if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
            ModelState.AddErrors(result.Errors, l);
            return Page();
        }
        TempData["Message"] = l["The task has been saved."].Value;
        var departmentId = await db.WorkTasks.Where(t => t.Id == result.Value).Select(t => t.DepartmentId).SingleAsync(ct);
        return Redirect($"/WorkFromHome/Catalogue?department={departmentId}");
    }
}
