using Daftar.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Files;

/// <summary>Send: find the recipient post by name, designation or office in either script, or pick one; priority, due date, remarks.</summary>
/// <summary>With share=true the same page shares a copy for information with the chosen post instead of sending the file.</summary>
public sealed class SendModel(FileQueries queries, FindRecipients recipients, SendFile handler, ShareFile share, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool Share { get; set; }
    [BindProperty] public int? ToPostId { get; set; }
    [BindProperty] public Priority Priority { get; set; } = Priority.Normal;
    [BindProperty] public DateOnly? DueOn { get; set; }
    [BindProperty] public string? Remarks { get; set; }
    public FileView? EFile { get; private set; }
    public IReadOnlyList<FindRecipients.Recipient> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The recipient list alone, for htmx as the officer types.</summary>
    public async Task<IActionResult> OnGetRecipientsAsync(CancellationToken ct)
    {
        Choices = await recipients.HandleAsync(Q, ct);
        return Partial("_Recipients", this);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = Share
            ? await share.HandleAsync(Id, new ShareFileCommand(ToPostId, Remarks), ct)
            : await handler.HandleAsync(Id, new SendFileCommand(ToPostId, Remarks, Priority, DueOn), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = Share ? l["The file has been shared."].Value : l["The file has been sent."].Value;
            return Share ? Redirect($"/Files/View?id={Id}") : Redirect("/Files/Inbox");
        }
        if (result.Errors[0].Kind == ErrorKind.NotFound && result.Errors[0].Field is null) return NotFound();
        ModelState.AddErrors(result.Errors.Select(e => e.Field == "postId" ? e with { Field = "toPostId" } : e).ToList(), l);
        foreach (var e in result.Errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var file = await queries.GetAsync(Id, markOpened: false, ct);
        if (!file.Succeeded) return NotFound();
        EFile = file.Value;
        Choices = await recipients.HandleAsync(Q, ct);
        return Page();
    }
}
