using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Receipts;

public sealed class ViewModel(ReceiptQueries receipts, FindRecipients recipients, FileActions files, DaftarDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int? ToPostId { get; set; }
    [BindProperty] public string? Remarks { get; set; }
    [BindProperty] public int? FileId { get; set; }
    [BindProperty] public int? HeadNumber { get; set; }
    public ReceiptView? Receipt { get; private set; }
    public IReadOnlyList<FindRecipients.Recipient> Picks { get; private set; } = [];
    public IReadOnlyList<(int Id, string Number, string Subject)> MyFiles { get; private set; } = [];
    public IReadOnlyList<FileHead> Heads { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSendAsync([FromServices] SendReceipt send, CancellationToken ct) =>
        await AfterAsync(await send.HandleAsync(Id, new SendFileCommand(ToPostId, Remarks), ct), l["The receipt has been sent."], null, ct);

    public async Task<IActionResult> OnPostFileAsync([FromServices] PutReceiptInFile putInFile, CancellationToken ct)
    {
        var result = await putInFile.HandleAsync(Id, new PutInFileCommand(FileId, null, HeadNumber), ct);
        return await AfterAsync(result, l["The receipt has been put in the file."], result.Succeeded ? $"/Files/View?id={result.Value}" : null, ct);
    }

    public async Task<IActionResult> OnPostCloseAsync([FromServices] CloseReceipt close, CancellationToken ct) =>
        await AfterAsync(await close.HandleAsync(Id, ct), l["The receipt has been closed."], null, ct);

    private async Task<IActionResult> AfterAsync(Result<int> result, string message, string? next, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return Redirect(next ?? $"/Receipts/View?id={Id}");
        }
        if (result.Errors[0].Kind == ErrorKind.NotFound && result.Errors[0].Field is null) return NotFound();
        foreach (var e in result.Errors) ModelState.AddModelError("", l.Describe(e));
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var result = await receipts.GetAsync(Id, ct);
        if (!result.Succeeded) return NotFound();
        Receipt = result.Value;
        if (Receipt!.CanAct)
        {
            Picks = await recipients.HandleAsync(null, ct);
            var viewer = (await files.ViewerAsync(ct))!;
            MyFiles = (await db.Files.Where(f => viewer.PostIds.Contains(f.HolderPostId) && f.Status == FileStatus.Open)
                .OrderByDescending(f => f.Id).Take(50).Select(f => new { f.Id, f.FileNumber, f.Subject }).ToListAsync(ct))
                .Select(f => (f.Id, f.FileNumber, f.Subject)).ToList();
            var department = await db.Receipts.Where(r => r.Id == Id).Select(r => r.DepartmentId).SingleAsync(ct);
            Heads = await db.FileHeads.Where(h => h.DepartmentId == department).OrderBy(h => h.Number).ToListAsync(ct);
        }
        return Page();
    }
}
