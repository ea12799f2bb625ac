using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Receipts;

[RequestSizeLimit(DiariseReceipt.MaxDocuments * 26L * 1024 * 1024)]
public sealed class NewModel(DiariseReceipt handler, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Sender { get; set; }
    [BindProperty] public string? LetterNumber { get; set; }
    [BindProperty] public DateOnly? LetterDate { get; set; }
    [BindProperty] public DateOnly? ReceivedOn { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public ReceiptMode Mode { get; set; } = ReceiptMode.Post;
    [BindProperty] public string? Language { get; set; } = "hi";
    [BindProperty] public Grading Grading { get; set; } = Grading.Normal;
    [BindProperty] public List<IFormFile> Documents { get; set; } = [];

    public void OnGet() => ReceivedOn ??= clock.Today();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var uploads = Documents.Where(d => d.Length > 0 || d.FileName.Length > 0).Select(d => new UploadedDocument(d.FileName, d.OpenReadStream)).ToList();
        var result = await handler.HandleAsync(new DiariseReceiptCommand(Sender, LetterNumber, LetterDate, ReceivedOn, Subject, Category, Mode, Language, Grading), uploads, ct);
        if (result.Succeeded)
        {
            TempData["Message"] = l["The receipt has been diarised."].Value;
            return Redirect($"/Receipts/View?id={result.Value!.Id}");
        }
        ModelState.AddErrors(result.Errors, l);
        foreach (var e in result.Errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        return Page();
    }
}
