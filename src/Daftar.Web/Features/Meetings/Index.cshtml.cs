using Daftar.Web.Features.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Meetings;

/// <summary>My meetings: the coming (and recent) occurrences of every meeting I am part of, and my calendar feed.</summary>
public sealed class IndexModel(MeetingQueries meetings, CalendarFeeds feeds, CurrentOfficer current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    public IReadOnlyList<MyOccurrence> Occurrences { get; private set; } = [];
    public bool HasFeed { get; private set; }
    public string? FeedUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await meetings.MineAsync(From, From?.AddDays(60), ct);
        if (!result.Succeeded) return Forbid();
        Occurrences = result.Value!;
        if (await current.GetAsync(ct) is { } o) HasFeed = await feeds.ExistsAsync(o.AccountId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFeedAsync(CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } o) return Forbid();
        FeedUrl = await feeds.ResetAsync(o.AccountId, ct);
        TempData["Message"] = l["Your calendar feed address is below. Add it to Outlook or Google Calendar; it is shown only this once."].Value;
        return await OnGetAsync(ct);
    }
}
