using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Meetings;

/// <summary>The video room in the browser: the page asks for a join token (refused to anyone not invited) and talks to Janus through Daftar.</summary>
public sealed class JoinModel(RoomStanding standing, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostJoinAsync([FromServices] JoinRoom join, CancellationToken ct) => Json(await join.HandleAsync(Id, ct));

    public async Task<IActionResult> OnGetStateAsync(long participant, bool present, CancellationToken ct) => Json(await standing.OfficerAsync(Id, participant, ct, present));

    public async Task<IActionResult> OnPostHandAsync(long participant, bool raise, [FromServices] RaiseHand hand, CancellationToken ct) => Json(await hand.HandleAsync(Id, participant, raise, ct));

    public async Task<IActionResult> OnPostModerateAsync(int grant, string? action, [FromServices] ModerateRoom moderate, CancellationToken ct) =>
        Json(await moderate.HandleAsync(Id, new ModerateCommand(grant, action), ct));

    public async Task<IActionResult> OnPostEndAsync([FromServices] EndRoom end, CancellationToken ct) => Json(await end.HandleAsync(Id, ct));

    /// <summary>The page's script reads a value or an error message in the user's language; the status says which.</summary>
    private JsonResult Json<T>(Result<T> result) => MeetingJson.Of(result, l);
}

public static class MeetingJson
{
    public static JsonResult Of<T>(Result<T> result, IStringLocalizer l) => result.Succeeded
        ? new JsonResult(result.Value)
        : new JsonResult(new { code = result.Errors[0].Code, error = l.Describe(result.Errors[0]) }) { StatusCode = ApiResults.StatusOf(result.Errors[0].Kind) };
}
