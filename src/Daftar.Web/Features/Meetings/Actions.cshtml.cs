using Daftar.Meetings;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Meetings;

/// <summary>Action items assigned to my posts: report progress, link the e-file, or open a new one for the work.</summary>
public sealed class ActionsModel(ActionQueries actions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    public IReadOnlyList<ActionItemView> Items { get; private set; } = [];
    [BindProperty] public ActionStatus? Status { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public int? FileId { get; set; }
    [BindProperty] public int? HeadNumber { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Items = (await actions.ListAsync(null, Overdue, ct)).Value ?? [];

    public async Task<IActionResult> OnPostUpdateAsync(int id, [FromServices] ReportActionProgress report, CancellationToken ct) =>
        await AfterAsync(await report.HandleAsync(id, new ActionUpdateCommand(Status, Text), ct), "The action item is updated.", ct);

    public async Task<IActionResult> OnPostLinkAsync(int id, [FromServices] LinkActionFile link, CancellationToken ct) =>
        await AfterAsync(await link.HandleAsync(id, new LinkActionFileCommand(FileId), ct), "The file is linked.", ct);

    public async Task<IActionResult> OnPostOpenFileAsync(int id, [FromServices] OpenActionFile open, CancellationToken ct) =>
        await AfterAsync(await open.HandleAsync(id, new Files.CreateFileCommand(null, HeadNumber, "Meeting action"), ct), "A new file is opened for this action item.", ct);

    private async Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = l[message].Value;
            return Redirect("/Meetings/Actions");
        }
        ModelState.AddErrors(result.Errors, l);
        foreach (var e in result.Errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        await OnGetAsync(ct);
        return Page();
    }
}
