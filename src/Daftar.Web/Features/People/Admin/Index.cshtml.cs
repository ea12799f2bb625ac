using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.People.Admin;

/// <summary>Administration: add employees, offices and posts. Codes are typed, so this works at state scale.</summary>
public sealed class IndexModel(DaftarDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public EmployeeForm Employee { get; set; } = new();
    [BindProperty] public OfficeForm Office { get; set; } = new();
    [BindProperty] public PostForm Post { get; set; } = new();
    [BindProperty] public DepartmentForm Department { get; set; } = new();
    [BindProperty] public DesignationForm Designation { get; set; } = new();
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<Designation> Designations { get; private set; } = [];
    public string? OpenForm { get; private set; }

    public sealed class EmployeeForm
    {
        public string? Code { get; set; }
        public string? NameEn { get; set; }
        public string? NameHi { get; set; }
        public string? Email { get; set; }
        public string? Mobile { get; set; }
    }

    public sealed class OfficeForm
    {
        public string? Code { get; set; }
        public string? NameEn { get; set; }
        public string? NameHi { get; set; }
        public OfficeType Type { get; set; } = OfficeType.District;
        public string? DepartmentCode { get; set; }
        public string? ParentCode { get; set; }
    }

    public sealed class PostForm
    {
        public string? Code { get; set; }
        public string? DesignationCode { get; set; }
        public string? OfficeCode { get; set; }
        public string? SectionCode { get; set; }
        public string? ReportsToCode { get; set; }
    }

    public sealed class DepartmentForm
    {
        public string? Code { get; set; }
        public string? NameEn { get; set; }
        public string? NameHi { get; set; }
        public string? FileHead { get; set; }
    }

    public sealed class DesignationForm
    {
        public string? Code { get; set; }
        public string? NameEn { get; set; }
        public string? NameHi { get; set; }
        public int Level { get; set; } = 9;
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDepartmentAsync([FromServices] CreateDepartment handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SaveDepartmentCommand(Department.Code, Department.NameEn, Department.NameHi, Department.FileHead), ct);
        if (!result.Succeeded) return await FailAsync(result.Errors, "Department.", "department", ct);
        TempData["Message"] = l["The department has been added."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDesignationAsync([FromServices] CreateDesignation handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SaveDesignationCommand(Designation.Code, Designation.NameEn, Designation.NameHi, Designation.Level), ct);
        if (!result.Succeeded) return await FailAsync(result.Errors, "Designation.", "designation", ct);
        TempData["Message"] = l["The designation has been added."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmployeeAsync([FromServices] SaveEmployee handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(null, new SaveEmployeeCommand(Employee.Code, Employee.NameEn, Employee.NameHi, Employee.Email, Employee.Mobile), ct);
        if (result.Succeeded) return RedirectToPage("/People/Admin/Employee", new { id = result.Value });
        return await FailAsync(result.Errors, "Employee.", "employee", ct);
    }

    public async Task<IActionResult> OnPostOfficeAsync([FromServices] SaveOffice handler, CancellationToken ct)
    {
        int? parentId = null;
        if (Daftar.People.Text.Clean(Office.ParentCode) is { } parentCode)
        {
            parentId = await db.Offices.Where(o => o.Code == parentCode.ToUpper()).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
            if (parentId is null)
                return await FailAsync([Error.Unknown("parentCode", "Parent office")], "Office.", "office", ct);
        }
        var result = await handler.HandleAsync(null, new SaveOfficeCommand(Office.Code, Office.NameEn, Office.NameHi, Office.Type, Office.DepartmentCode, parentId), ct);
        if (result.Succeeded) return Redirect($"/People/Office?id={result.Value}");
        return await FailAsync(result.Errors, "Office.", "office", ct);
    }

    public async Task<IActionResult> OnPostPostAsync([FromServices] SavePost handler, CancellationToken ct)
    {
        var placement = await PostPlacement.ResolveAsync(db, Post.OfficeCode, Post.SectionCode, Post.ReportsToCode, ct);
        if (placement.Errors.Count > 0) return await FailAsync(placement.Errors, "Post.", "post", ct);
        var result = await handler.HandleAsync(null, new SavePostCommand(Post.Code, Post.DesignationCode, placement.OfficeId!.Value, placement.SectionId, placement.ReportsToId, null), ct);
        if (result.Succeeded) return Redirect($"/People/Post?id={result.Value}");
        return await FailAsync(result.Errors, "Post.", "post", ct);
    }

    private async Task<IActionResult> FailAsync(IReadOnlyList<Error> errors, string prefix, string form, CancellationToken ct)
    {
        ModelState.AddErrors(errors, l, prefix);
        if (errors.Any(e => e.Field is null)) ModelState.AddModelError(prefix.TrimEnd('.'), "");
        OpenForm = form;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        Designations = await db.Designations.AsNoTracking().OrderBy(d => d.Level).ThenBy(d => d.Code).ToListAsync(ct);
    }
}
