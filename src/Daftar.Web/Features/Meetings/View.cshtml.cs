using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Meetings;

/// <summary>A meeting: schedule, agenda, who is invited, its occurrences (join, cancel, move), action items, attendance over the series.</summary>
public sealed class ViewModel(MeetingQueries meetings, ActionQueries actions, AttendanceQueries attendance, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public MeetingView Meeting { get; private set; } = null!;
    public IReadOnlyList<ActionItemView> Actions { get; private set; } = [];
    public SeriesAttendance? Attendance { get; private set; }
    [BindProperty] public string? ActionText { get; set; }
    [BindProperty] public int? AssigneePostId { get; set; }
    [BindProperty] public DateOnly? DueOn { get; set; }
    [BindProperty] public int? OccurrenceId { get; set; }
    [BindProperty] public DateOnly? MoveDay { get; set; }
    [BindProperty] public string? MoveTime { get; set; }
    [BindProperty] public int? MoveMinutes { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var m = await meetings.GetAsync(Id, ct);
        if (!m.Succeeded) return false;
        Meeting = m.Value!;
        Actions = (await actions.ListAsync(Id, false, ct)).Value ?? [];
        Attendance = await attendance.SeriesAsync(Meeting, ct);
        return true;
    }

    public async Task<IActionResult> OnPostActionAsync([FromServices] AssignAction assign, CancellationToken ct) =>
        await AfterAsync(await assign.HandleAsync(Id, new ActionItemCommand(ActionText, AssigneePostId, DueOn, OccurrenceId), ct), "The action item is assigned.", ct);

    public async Task<IActionResult> OnPostCancelOccurrenceAsync(int occurrence, [FromServices] CancelOccurrence cancel, CancellationToken ct) =>
        await AfterAsync(await cancel.HandleAsync(occurrence, ct), "This occurrence is cancelled and the invitees have been told.", ct);

    public async Task<IActionResult> OnPostMoveAsync(int occurrence, [FromServices] MoveOccurrence move, CancellationToken ct) =>
        await AfterAsync(await move.HandleAsync(occurrence, new MoveOccurrenceCommand(MoveDay, MoveTime, MoveMinutes), ct), "The occurrence is moved and the invitees have been told.", ct);

    [BindProperty] public int? OwnerPostId { get; set; }
    [BindProperty] public IFormFile? Document { get; set; }

    public async Task<IActionResult> OnPostAgendaItemAsync(int order, [FromServices] AssignAgendaItem assign, CancellationToken ct) =>
        await AfterAsync(await assign.HandleAsync(Id, order, OwnerPostId, Document is null ? null : new Files.UploadedDocument(Document.FileName, Document.OpenReadStream), ct),
            "The agenda item is saved.", ct);

    public async Task<IActionResult> OnGetAgendaDocumentAsync(int order, CancellationToken ct) =>
        await meetings.AgendaDocumentAsync(Id, order, ct) is { } doc ? File(doc.Content, doc.ContentType, doc.FileName) : NotFound();

    public async Task<IActionResult> OnPostCancelAsync([FromServices] CancelMeeting cancel, CancellationToken ct) =>
        await AfterAsync(await cancel.HandleAsync(Id, ct), "The meeting is cancelled and the invitees have been told.", ct);

    private async Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = l[message].Value;
            return Redirect($"/Meetings/View/{Id}");
        }
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.AddErrors(result.Errors, l);
        foreach (var e in result.Errors.Where(e => e.Field is null)) ModelState.AddModelError("", l.Describe(e));
        return Page();
    }
}
