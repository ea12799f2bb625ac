using Daftar.Files;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Letters;

/// <summary>
/// A draft for approval: its versions (author, time), the current text, a diff between any two versions, and — as the
/// rules allow — revise, approve a version, issue with the PIN, add a signature, and dispatch the issued letter.
/// </summary>
public sealed class DraftModel(DraftQueries drafts, Dispatching dispatching, FileQueries queries, FindRecipients recipients, PdfRenderer renderer, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Addressee { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Pin { get; set; }
    [BindProperty] public DispatchMode Mode { get; set; } = DispatchMode.Email;
    [BindProperty] public string? Recipient { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public PostalMode PostalMode { get; set; } = PostalMode.Registered;
    [BindProperty] public decimal? Postage { get; set; }
    [BindProperty] public string? ArticleNumber { get; set; }
    [BindProperty] public string? CarriedBy { get; set; }
    [BindProperty] public int? ToPostId { get; set; }
    [BindProperty(SupportsGet = true)] public string? AddresseeQ { get; set; }
    public IReadOnlyList<FindRecipients.Recipient> Addressees { get; private set; } = [];

    public DraftView? Draft { get; private set; }
    /// <summary>The officer has signed the issued letter already: no second signature is offered.</summary>
    public bool SignedByMe { get; private set; }
    public FileView? EFile { get; private set; }
    public IReadOnlyList<DiffLine>? Diff { get; private set; }
    public IReadOnlyList<DispatchRow> Dispatches { get; private set; } = [];
    public bool CanRender => renderer.IsAvailable;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The signed letter as issued (with every signature added since), to read or print.</summary>
    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        var letter = (await drafts.GetAsync(Id, ct)).Value?.Letter;
        return letter is not null && await drafts.PdfAsync(letter.Id, ct) is { } pdf ? File(pdf.Content, "application/pdf", pdf.FileName) : NotFound();
    }

    /// <summary>Posts matching what the dispatch clerk types, for an electronic dispatch (htmx swaps the list).</summary>
    public async Task<IActionResult> OnGetAddresseesAsync(CancellationToken ct) =>
        Partial("_Addressees", ((IReadOnlyList<FindRecipients.Recipient>)await recipients.HandleAsync(AddresseeQ, ct), (int?)null));

    public Task<IActionResult> OnPostReviseAsync([FromServices] ReviseDraft revise, CancellationToken ct) =>
        DoAsync(revise.HandleAsync(Id, new ReviseDraftCommand(Subject, Body, Addressee, Reference), ct), "A new version of the draft has been saved.", ct);

    public Task<IActionResult> OnPostApproveAsync([FromServices] ApproveDraft approve, CancellationToken ct) =>
        DoAsync(approve.HandleAsync(Id, new ApproveDraftCommand(Version), ct), "The draft has been approved.", ct);

    public async Task<IActionResult> OnPostIssueAsync([FromServices] IssueLetter issue, CancellationToken ct)
    {
        var result = await issue.HandleAsync(Id, new IssueDraftCommand(Pin), ct);
        return await AfterAsync(result.Succeeded, result.Errors, "The letter has been issued, signed and added to the correspondence.", ct);
    }

    public async Task<IActionResult> OnPostCoSignAsync([FromServices] CoSignLetter coSign, CancellationToken ct)
    {
        var letter = (await drafts.GetAsync(Id, ct)).Value?.Letter;
        if (letter is null) return NotFound();
        var result = await coSign.HandleAsync(letter.Id, new IssueDraftCommand(Pin), ct);
        return await AfterAsync(result.Succeeded, result.Errors, "Your signature has been added to the letter.", ct);
    }

    public async Task<IActionResult> OnPostDispatchAsync(CancellationToken ct)
    {
        var letter = (await drafts.GetAsync(Id, ct)).Value?.Letter;
        if (letter is null) return NotFound();
        var result = await dispatching.DispatchAsync(letter.Id, new DispatchCommand(Mode, Recipient, Email, Address, PostalMode, Postage, ArticleNumber, CarriedBy, ToPostId), ct);
        return await AfterAsync(result.Succeeded, result.Errors, "The dispatch has been entered in the register.", ct);
    }

    private async Task<IActionResult> DoAsync(Task<Result<int>> action, string done, CancellationToken ct)
    {
        var result = await action;
        return await AfterAsync(result.Succeeded, result.Errors, done, ct);
    }

    private async Task<IActionResult> AfterAsync(bool succeeded, IReadOnlyList<Error> errors, string done, CancellationToken ct)
    {
        if (succeeded)
        {
            TempData["Message"] = l[done].Value;
            return Redirect($"/Letters/Draft?id={Id}");
        }
        if (errors[0].Kind == ErrorKind.NotFound && errors[0].Field is null) return NotFound();
        ModelState.AddErrors(errors, l);
        foreach (var e in errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var draft = await drafts.GetAsync(Id, ct);
        if (!draft.Succeeded) return NotFound();
        Draft = draft.Value!;
        var file = await queries.GetAsync(Draft.FileId, markOpened: false, ct);
        if (!file.Succeeded) return NotFound();
        EFile = file.Value;
        var latest = Draft.Versions[^1];
        Subject ??= latest.Subject;
        Addressee ??= latest.Addressee;
        Reference ??= latest.Reference;
        Body ??= latest.Body;
        if (From is { } from && To is { } to && (await drafts.DiffAsync(Id, from, to, ct)) is { Succeeded: true } diff) Diff = diff.Value;
        if (Draft.Letter is not null) Addressees = await recipients.HandleAsync(AddresseeQ, ct);
        if (Draft.Letter is { } issued && EFile!.Can.Act) SignedByMe = await drafts.SignedByMeAsync(issued.Id, ct);
        if (Draft.Letter is { } letter && (await dispatching.RegisterAsync(letter.LetterNumber, null, null, null, ct)) is { Succeeded: true } register) Dispatches = register.Value!;
        return Page();
    }
}
