using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.People;

/// <summary>An employee's card: posts held, and contact details for administrators and the employee themselves.</summary>
public sealed class EmployeeModel(OrganisationDirectory directory, CurrentOfficer current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public EmployeeSummary? Employee { get; private set; }
    public Officer? Officer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Employee = await directory.GetEmployeeAsync(Id, ct);
        Officer = await current.GetAsync(ct);
        if (Employee is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
