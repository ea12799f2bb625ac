using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Signing.Admin;

/// <summary>The administrator's PKI page: Daftar's CAs (renew a department's), every signing certificate (revoke, unlock).</summary>
public sealed class PkiModel(PkiQueries queries, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Employee { get; set; }
    public IReadOnlyList<AuthorityView> Authorities { get; private set; } = [];
    public IReadOnlyList<CredentialRow> Credentials { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRevokeAsync(int id, string? reason, [FromServices] RevokeCertificate revoke, CancellationToken ct) =>
        await AfterAsync(await revoke.HandleAsync(id, new RevokeCommand(reason), ct), l["The certificate has been revoked and the revocation list published."], ct);

    public async Task<IActionResult> OnPostApproveAsync(int id, [FromServices] ApproveCertificate approve, CancellationToken ct) =>
        await AfterAsync(await approve.HandleAsync(id, ct), l["The certificate has been approved; its holder can now sign with it."], ct);

    public async Task<IActionResult> OnPostUnlockAsync(int id, [FromServices] UnlockCertificate unlock, CancellationToken ct) =>
        await AfterAsync(await unlock.HandleAsync(id, ct), l["Signing has been unlocked."], ct);

    public async Task<IActionResult> OnPostRenewAsync(string department, [FromServices] RenewDepartmentCa renew, CancellationToken ct) =>
        await AfterAsync(await renew.HandleAsync(department, ct), l["A new certifying authority has been created for the department."], ct);

    public async Task<IActionResult> OnPostPublishAsync([FromServices] PublishCrls publish, CancellationToken ct)
    {
        await publish.HandleAsync(ct);
        return await AfterAsync(0, l["Fresh revocation lists have been published."], ct);
    }

    private async Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return RedirectToPage(new { Employee });
        }
        foreach (var e in result.Errors) ModelState.AddModelError("", l.Describe(e));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Authorities = await queries.AuthoritiesAsync(ct);
        Credentials = await queries.CredentialsAsync(Employee, ct);
    }
}
