using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Meetings;

/// <summary>A guest's way in, by the private link in their invitation e-mail; no account, no other page.</summary>
[EnableRateLimiting("verify")]
public sealed class GuestModel(RoomStanding standing, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Secret { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostJoinAsync([FromServices] JoinAsGuest join, CancellationToken ct) => MeetingJson.Of(await join.HandleAsync(Secret, ct), l);

    public async Task<IActionResult> OnGetStateAsync(long participant, CancellationToken ct) => MeetingJson.Of(await standing.GuestAsync(Secret, participant, ct), l);
}
