using Daftar.Web.Features.Letters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Verify;

/// <summary>
/// The public page a QR code on a letter leads to: no sign-in. By code it checks the letter Daftar issued under that
/// code (and offers it to compare with the paper in hand); an uploaded PDF is checked as it is. Each signature shows
/// signer, designation, department, the signing time from its timestamp, the certificate's status then and now, and
/// whether the document changed after that signature.
/// </summary>
[EnableRateLimiting("verify")]
public sealed class IndexModel(LetterVerification verification, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public Verification? Result { get; private set; }
    public string? Problem { get; private set; }
    public bool CanDownload { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool download, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code)) return Page();
        var found = await verification.ByCodeAsync(Code, ct);
        if (found is null)
        {
            Problem = l["No letter was issued under this code. Check the code on the letter, or upload the PDF."];
            return Page();
        }
        if (download) return File(found.Value.Pdf, "application/pdf", $"{found.Value.Result.Code}.pdf");
        Result = found.Value.Result;
        CanDownload = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? document, CancellationToken ct)
    {
        if (document is null || document.Length == 0)
        {
            Problem = l["Choose the PDF to check."];
            return Page();
        }
        if (document.Length > LetterVerification.MaxUploadBytes)
        {
            Problem = l["The PDF is larger than {0} MB.", LetterVerification.MaxUploadBytes / 1024 / 1024];
            return Page();
        }
        using var memory = new MemoryStream();
        await document.CopyToAsync(memory, ct);
        Result = await verification.CheckAsync(memory.ToArray(), ct);
        if (Result.Signatures.Count == 0) Problem = l["This PDF carries no digital signature that Daftar can read."];
        return Page();
    }
}
