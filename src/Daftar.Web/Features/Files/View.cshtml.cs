using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Files;

/// <summary>A file as on paper: the note sheet on the left, the file's particulars, actions and movements on the right.</summary>
public sealed class ViewModel(FileQueries queries, FileAuditTrail auditTrail, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Remarks { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? LinkTo { get; set; }
    public FileView? EFile { get; private set; }
    public IReadOnlyList<AuditLine> Audit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The whole file as one PDF (note sheet, then correspondence), for reading offline or printing.</summary>
    public async Task<IActionResult> OnGetPrintAsync([FromServices] PrintFile print, CancellationToken ct)
    {
        var result = await print.HandleAsync(Id, ct);
        if (result.Succeeded) return File(result.Value.Pdf, "application/pdf", result.Value.FileName);
        if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
        TempData["Message"] = l.Describe(result.Errors[0]);
        return Redirect($"/Files/View?id={Id}");
    }

    public async Task<IActionResult> OnPostNoteAsync([FromServices] SaveNote handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new SaveNoteCommand(Text), ct), l["The draft note has been saved."], ct);

    public async Task<IActionResult> OnPostConfirmAsync(int noteId, [FromServices] ConfirmNote handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(noteId, ct), l["The note is confirmed."], ct);

    public async Task<IActionResult> OnPostDiscardAsync(int noteId, [FromServices] DiscardNote handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(noteId, ct), l["The draft note has been discarded."], ct);

    public async Task<IActionResult> OnPostPullBackAsync([FromServices] PullBackFile handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, ct), l["The file has been pulled back."], ct);

    public async Task<IActionResult> OnPostParkAsync([FromServices] ParkFile handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new RemarksCommand(Remarks), ct), l["The file has been parked."], ct);

    public async Task<IActionResult> OnPostUnparkAsync([FromServices] UnparkFile handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, ct), l["The file is active again."], ct);

    public async Task<IActionResult> OnPostCloseAsync([FromServices] CloseFile handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new RemarksCommand(Remarks), ct), l["The file has been closed."], ct);

    public async Task<IActionResult> OnPostReopenAsync([FromServices] ReopenFile handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new RemarksCommand(Remarks), ct), l["The file has been reopened."], ct);

    public async Task<IActionResult> OnPostAttachAsync(IFormFile? document, [FromServices] AttachDocument handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new AttachDocumentCommand(Title),
            document is null ? null : new UploadedDocument(document.FileName, document.OpenReadStream), ct), l["The document has been attached."], ct);

    public async Task<IActionResult> OnPostMarkAsync(int order, bool isPuc, bool isFr, [FromServices] MarkCorrespondence handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, order, new MarkCorrespondenceCommand(isPuc, isFr), ct), l["Saved."], ct);

    public async Task<IActionResult> OnPostLinkAsync([FromServices] LinkFile handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new LinkFileCommand(LinkTo, null), ct), l["The files are linked."], ct);

    public async Task<IActionResult> OnPostUnlinkAsync(int linked, [FromServices] LinkFile handler, CancellationToken ct) =>
        await AfterAsync(await handler.UnlinkAsync(Id, linked, ct), l["The link has been removed."], ct);

    public async Task<IActionResult> OnPostUnshareAsync(int post, [FromServices] ShareFile handler, CancellationToken ct) =>
        await AfterAsync(await handler.StopAsync(Id, post, ct), l["The file is no longer shared with that post."], ct);

    public async Task<IActionResult> OnPostSignAsync(int noteId, string? pin, [FromServices] INoteSignatures signing, CancellationToken ct)
    {
        var result = await signing.SignAsync(noteId, pin, ct);
        return await AfterAsync(result.Succeeded ? noteId : Result<int>.Fail(result.Errors), l["The note is signed."], ct);
    }

    private async Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return RedirectToPage(new { Id });
        }
        if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
        foreach (var e in result.Errors)
            ModelState.AddModelError(e.Field switch { "text" => nameof(Text), "file" when Request.HasFormContentType && Request.Form.Files.Count > 0 => "Document", "file" => nameof(LinkTo), _ => "" }, l.Describe(e));
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var result = await queries.GetAsync(Id, markOpened: HttpMethods.IsGet(Request.Method) && !CameFromAnotherSite(Request), ct);
        if (!result.Succeeded) return NotFound();
        EFile = result.Value!;
        Audit = await auditTrail.ReadAsync(Id, ct);
        Text ??= EFile!.Notes.FirstOrDefault(n => !n.IsConfirmed && n.IsMine)?.Text;
        return Page();
    }

    /// <summary>
    /// A view reached from a link on another site (a mail, a forged page) does not mark the file opened: opening blocks
    /// the sender's pull-back, so only the officer's own views do (from Daftar's pages, a bookmark or a typed address).
    /// Browsers say where a navigation came from in Sec-Fetch-Site; older ones only in Referer.
    /// </summary>
    public static bool CameFromAnotherSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is not ("same-origin" or "none");
        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && !string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
