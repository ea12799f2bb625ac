using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.People.Admin;

/// <summary>Edit an employee, post them to a post or give additional charge, and end postings.</summary>
public sealed class EmployeeModel(DaftarDb db, OrganisationDirectory directory, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? NameHi { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Mobile { get; set; }
    [BindProperty] public bool IsActive { get; set; }
    [BindProperty] public bool? EndPostings { get; set; }
    /// <summary>Set when the administrator made an employee who holds posts inactive: the page asks what becomes of the postings.</summary>
    public bool AskAboutPostings { get; private set; }
    [BindProperty] public string? PostCode { get; set; }
    [BindProperty] public ChargeKind Kind { get; set; } = ChargeKind.Primary;
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }
    public EmployeeSummary? Employee { get; private set; }
    public Daftar.Web.Features.Account.AccountStatus? Account { get; private set; }
    public Daftar.Web.Features.Account.TemporaryPassword? IssuedPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromServices] Daftar.Web.Features.Account.AccountQueries accounts, CancellationToken ct)
    {
        Employee = await directory.GetEmployeeAsync(Id, ct);
        if (Employee is null) return NotFound();
        Account = await accounts.StatusAsync(Id, ct);
        (NameEn, NameHi, Email, Mobile, IsActive) = (Employee.NameEn, Employee.NameHi, Employee.Email, Employee.Mobile, Employee.IsActive);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([FromServices] SaveEmployee handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(Id, new SaveEmployeeCommand(null, NameEn, NameHi, Email, Mobile, IsActive, EndPostings), ct);
        if (result.Errors is [{ Code: SaveEmployee.PostingsRemain }])
        {
            AskAboutPostings = true;
            return await ReloadAsync(ct);
        }
        return await AfterAsync(result, l["The employee has been saved."], ct);
    }

    public async Task<IActionResult> OnPostAssignAsync([FromServices] AssignPost handler, CancellationToken ct)
    {
        var code = Daftar.People.Text.Clean(PostCode)?.ToUpperInvariant();
        var postId = code is null ? null : await db.Posts.Where(p => p.Code == code).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (postId is null)
        {
            ModelState.AddErrors([code is null ? Error.Required("postCode", "Post code") : Error.Unknown("postCode", "Post")], l);
            return await ReloadAsync(ct);
        }
        var result = await handler.HandleAsync(Id, new AssignPostCommand(postId.Value, Kind, From, To), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = e.Field == "postId" ? "postCode" : e.Field }).ToList(), l);
            return await ReloadAsync(ct);
        }
        TempData["Message"] = l["The posting has been recorded."].Value;
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostEndAsync(int assignmentId, [FromServices] EndAssignment handler, CancellationToken ct)
    {
        var belongs = await db.PostAssignments.AnyAsync(a => a.Id == assignmentId && a.EmployeeId == Id, ct);
        if (!belongs) return NotFound();
        var result = await handler.HandleAsync(assignmentId, To, ct);
        return await AfterAsync(result, l["The posting has been ended."], ct);
    }

    public async Task<IActionResult> OnPostPasswordAsync([FromServices] Daftar.Web.Features.Account.IssueTemporaryPassword issue, [FromServices] Daftar.Web.Features.Account.AccountQueries accounts, CancellationToken ct)
    {
        var result = await issue.HandleAsync(Id, ct);
        if (!result.Succeeded) ModelState.AddErrors(result.Errors, l);
        else IssuedPassword = result.Value;
        var page = await ReloadAsync(ct);
        Account = await accounts.StatusAsync(Id, ct);
        if (Employee is not null) (NameEn, NameHi, Email, Mobile, IsActive) = (Employee.NameEn, Employee.NameHi, Employee.Email, Employee.Mobile, Employee.IsActive);
        return page;
    }

    public async Task<IActionResult> OnPostRevokeTokensAsync([FromServices] Daftar.Web.Features.Account.RevokeApiTokens revoke, CancellationToken ct)
    {
        var result = await revoke.HandleAsync(Id, ct);
        return await AfterAsync(result.Succeeded ? Result<int>.Ok(Id) : Result<int>.Fail(result.Errors),
            result.Succeeded ? l["{0} API token(s) revoked.", result.Value!.Revoked] : "", ct);
    }

    public async Task<IActionResult> OnPostUnlockAsync([FromServices] Daftar.Web.Features.Account.UnlockAccount unlock, CancellationToken ct) =>
        await AfterAsync(await unlock.HandleAsync(Id, ct), l["The account has been unlocked."], ct);

    public async Task<IActionResult> OnPostResetTwoFactorAsync([FromServices] Daftar.Web.Features.Account.ResetTwoFactor reset, CancellationToken ct) =>
        await AfterAsync(await reset.HandleAsync(Id, ct), l["Two-factor sign-in has been reset; the officer sets it up again at next sign-in."], ct);

    private async Task<IActionResult> AfterAsync(Result<bool> result, string message, CancellationToken ct) =>
        await AfterAsync(result.Succeeded ? Result<int>.Ok(Id) : Result<int>.Fail(result.Errors), message, ct);

    private async Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return RedirectToPage(new { Id });
        }
        ModelState.AddErrors(result.Errors, l);
        return await ReloadAsync(ct);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct)
    {
        Employee = await directory.GetEmployeeAsync(Id, ct);
        Account ??= await HttpContext.RequestServices.GetRequiredService<Daftar.Web.Features.Account.AccountQueries>().StatusAsync(Id, ct);
        return Employee is null ? NotFound() : Page();
    }
}
