using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Letters;

/// <summary>A new draft for approval in a file the officer holds, started from the template of its kind.</summary>
public sealed class NewModel(FileQueries queries, StartDraft start, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "file")] public int FileId { get; set; }
    [BindProperty(SupportsGet = true)] public DraftKind Kind { get; set; } = DraftKind.Letter;
    [BindProperty(SupportsGet = true)] public DraftLanguage Language { get; set; } = DraftLanguage.Hindi;
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Addressee { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Body { get; set; }
    public FileView? EFile { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var file = await queries.GetAsync(FileId, markOpened: false, ct);
        if (!file.Succeeded) return NotFound();
        EFile = file.Value;
        Subject ??= EFile!.Subject;
        Body ??= LetterTemplate.StarterText(Kind, Language);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await start.HandleAsync(FileId, new StartDraftCommand(Kind, Language, Subject, Body, Addressee, Reference), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = l["The draft has been saved as version 1."].Value;
            return Redirect($"/Letters/Draft?id={result.Value}");
        }
        if (result.Errors[0].Kind == ErrorKind.NotFound && result.Errors[0].Field is null) return NotFound();
        ModelState.AddErrors(result.Errors, l);
        foreach (var e in result.Errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        var file = await queries.GetAsync(FileId, markOpened: false, ct);
        if (!file.Succeeded) return NotFound();
        EFile = file.Value;
        return Page();
    }
}
