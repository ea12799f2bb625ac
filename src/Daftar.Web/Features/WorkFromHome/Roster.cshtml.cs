using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>The head of an office records its orders, makes a roster, edits a day (seeing what the edit breaks) and publishes it.</summary>
[RequestSizeLimit(26L * 1024 * 1024)]
public sealed class RosterModel(WorkFromHomeAccess access, RosterQueries rosters, IssueOfficeOrder orders, SetSectionPresence presence, StartRosterRun runs,
    IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Office { get; set; }
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }
    [BindProperty] public string? OrderNumber { get; set; }
    [BindProperty] public DateOnly? OrderDate { get; set; }
    [BindProperty] public int CapPercent { get; set; } = 50;
    [BindProperty] public DateOnly? OrderFrom { get; set; }
    [BindProperty] public DateOnly? OrderTo { get; set; }
    [BindProperty] public string? EssentialPosts { get; set; }
    [BindProperty] public IFormFile? Scan { get; set; }
    public WfhViewer? Viewer { get; private set; }
    public RosterView? Roster { get; private set; }
    public IReadOnlyList<RosterSummary> Rosters { get; private set; } = [];
    public IReadOnlyList<OfficeOrderView> Orders { get; private set; } = [];
    public IReadOnlyList<SectionPresenceView> Sections { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public Guid? Run { get; set; }
    public RosterRunView? RunView { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostGenerateAsync([FromServices] GenerateRoster handler, CancellationToken ct)
    {
        var office = await OfficeAsync(ct);
        var result = await handler.HandleAsync(new GenerateRosterCommand(office, From, To), ct);
        if (!result.Succeeded) return await FailedAsync(result.Errors, "", ct);
        TempData["Message"] = l["A draft roster has been made. Check it, edit a day if needed, then publish."].Value;
        return Redirect($"/WorkFromHome/Roster?office={office}&id={result.Value}");
    }

    public async Task<IActionResult> OnPostToggleAsync(DateOnly day, int employee, bool inOffice, [FromServices] EditRoster handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(Id ?? 0, new EditRosterCommand(day, employee, inOffice), ct);
        if (!result.Succeeded) return await FailedAsync(result.Errors, "", ct);
        return Redirect($"/WorkFromHome/Roster?office={result.Value!.OfficeId}&id={Id}#roster");
    }

    public async Task<IActionResult> OnPostPublishAsync([FromServices] PublishRoster handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(Id ?? 0, ct);
        if (!result.Succeeded) return await FailedAsync(result.Errors, "", ct);
        TempData["Message"] = l["The roster is published; everyone on it has been told."].Value;
        return Redirect($"/WorkFromHome/Roster?office={await OfficeAsync(ct)}&id={Id}");
    }

    public async Task<IActionResult> OnPostOrderAsync(CancellationToken ct)
    {
        var office = await OfficeAsync(ct);
        var scan = Scan is { Length: > 0 } file ? new Files.UploadedDocument(file.FileName, file.OpenReadStream) : null;
        var result = await orders.HandleAsync(new OfficeOrderCommand(office, OrderNumber, OrderDate, CapPercent, OrderFrom, OrderTo,
            (EssentialPosts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), scan, ct);
        if (!result.Succeeded) return await FailedAsync(result.Errors, "Order", ct);
        TempData["Message"] = l["The order has been recorded."].Value;
        return Redirect($"/WorkFromHome/Roster?office={office}");
    }

    public async Task<IActionResult> OnPostPresenceAsync(int section, int? minimum, CancellationToken ct)
    {
        if (minimum is null)
        {
            ModelState.AddModelError("", l["Enter how many must be in the office (0 or more)."]);
            return await LoadAsync(ct);
        }
        var result = await presence.HandleAsync(section, new SectionPresenceCommand(minimum.Value), ct);
        if (!result.Succeeded) return await FailedAsync(result.Errors, "", ct);
        TempData["Message"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Section {0}: {1} in the office every working day, from the next roster."].Value,
            result.Value!.Code, result.Value.MinimumInOffice);
        return Redirect($"/WorkFromHome/Roster?office={await OfficeAsync(ct)}#sections");
    }

    /// <summary>An administrator makes draft rosters for every office of the state for the period.</summary>
    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        var result = await runs.HandleAsync(new RosterRunCommand(From, To, null), ct);
        if (!result.Succeeded) return await FailedAsync(result.Errors, "", ct);
        return Redirect($"/WorkFromHome/Roster?office={await OfficeAsync(ct)}&run={result.Value!.Id}#all-offices");
    }

    public async Task<IActionResult> OnGetRunStatusAsync(CancellationToken ct)
    {
        if (Run is not { } id) return NotFound();
        var run = await runs.GetAsync(id, ct);
        return run.Succeeded ? Partial("_RosterRun", run.Value) : NotFound();
    }

    private async Task<int> OfficeAsync(CancellationToken ct) => Office ?? (await access.ViewerAsync(ct))?.OfficeId ?? 0;

    private async Task<IActionResult> FailedAsync(IReadOnlyList<Error> errors, string prefix, CancellationToken ct)
    {
        if (errors[0].Kind == ErrorKind.NotFound) return NotFound();
        ModelState.AddErrors(errors, l, prefix);
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        Viewer = await access.ViewerAsync(ct);
        if (Viewer is null) return Forbid();
        var office = Office ?? Viewer.OfficeId;
        if (!WorkFromHomeAccess.HeadsOffice(Viewer, office) && Viewer.OfficeId != office) return NotFound();
        Office = office;
        var list = await rosters.ListAsync(office, ct);
        Rosters = list.Succeeded ? list.Value! : [];
        var o = await orders.ListAsync(office, ct);
        Orders = o.Succeeded ? o.Value! : [];
        if (Run is { } runId && Viewer.IsAdministrator)
            RunView = await runs.GetAsync(runId, ct) is { Succeeded: true } found ? found.Value : null;
        var sections = await presence.ListAsync(office, ct);
        Sections = sections.Succeeded ? sections.Value! : [];
        var id = Id ?? Rosters.FirstOrDefault()?.Id;
        if (id is { } rosterId)
        {
            var view = await rosters.GetAsync(rosterId, ct);
            if (view.Succeeded) Roster = view.Value;
            else ModelState.AddErrors(view.Errors, l);
            Id = rosterId;
        }
        var next = RosterPlanner.WeekOf(clock.Today()).AddDays(7);
        From ??= next;
        To ??= next.AddDays(6);
        OrderDate ??= clock.Today();
        OrderFrom ??= clock.Today();
        return Page();
    }
}
