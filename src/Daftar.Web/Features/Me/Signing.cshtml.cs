using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Me;

/// <summary>The officer's digital signature: enrol with a PIN, unlock for a while, lock, report a lost key, or register a DSC.</summary>
public sealed class SigningModel(MySigningStatus status, IStringLocalizer<SharedResource> l) : PageModel
{
    public SigningStatus? Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostEnrolAsync(string? pin, string? confirmPin, bool replace, [FromServices] EnrolForSigning enrol, CancellationToken ct) =>
        await AfterAsync(await enrol.HandleAsync(new EnrolCommand(pin, confirmPin, replace), ct), l["Your signing certificate has been issued. Keep your PIN to yourself."], ct);

    public async Task<IActionResult> OnPostUnlockAsync(string? pin, [FromServices] OpenSigningSession open, CancellationToken ct)
    {
        var result = await open.HandleAsync(new PinCommand(pin), ct);
        return await AfterAsync(result.Succeeded ? 0 : Result<int>.Fail(result.Errors), l["Signing is unlocked until {0}.", result.Succeeded ? Localisation.Time(result.Value) : ""], ct);
    }

    public async Task<IActionResult> OnPostLockAsync([FromServices] CloseSigningSession close, CancellationToken ct) =>
        await AfterAsync(await close.HandleAsync(ct), l["Signing is locked again."], ct);

    public async Task<IActionResult> OnPostRevokeAsync(string? reason, [FromServices] RevokeOwnCertificate revoke, CancellationToken ct) =>
        await AfterAsync(await revoke.HandleAsync(new RevokeCommand(reason), ct), l["Your certificate has been revoked. Enrol again to sign."], ct);

    public async Task<IActionResult> OnPostExternalAsync(IFormFile? certificate, string? password, string? externalPin, [FromServices] RegisterOutsideCertificate register, CancellationToken ct)
    {
        var result = await register.HandleAsync(certificate is null ? null : new Files.UploadedDocument(certificate.FileName, certificate.OpenReadStream),
            password, externalPin, ct);
        var message = result.Value?.Status == Daftar.Signing.CredentialStatus.AwaitingApproval
            ? l["Your certificate has been registered, but it is issued to {0}, which is not your name in Daftar. It can sign once your IT nodal officer approves it.", result.Value.CertificateName]
            : l["Your certificate has been registered."];
        return await AfterAsync(result.Succeeded ? result.Value!.Id : Result<int>.Fail(result.Errors), message, ct);
    }

    private async Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return RedirectToPage();
        }
        foreach (var e in result.Errors) ModelState.AddModelError("", l.Describe(e));
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var mine = await status.HandleAsync(ct);
        if (!mine.Succeeded) return RedirectToPage("/Me/Index");
        Status = mine.Value;
        return Page();
    }
}
