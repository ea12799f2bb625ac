using Daftar.Web.Features.Files;
using Daftar.Web.Features.Meetings;
using Daftar.Web.Features.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features;

/// <summary>The home page: who you are working as, your inbox counts, today's meetings, your week (office or home).</summary>
public sealed class HomeModel(CurrentOfficer current, MeetingQueries meetings, MeetingSettings times, FileQueries files, TimeProvider clock) : PageModel
{
    public Officer Officer { get; private set; } = null!;
    public IReadOnlyList<MyOccurrence> MeetingsToday { get; private set; } = [];
    public InboxCounts? Counts { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } officer) return Challenge();
        Officer = officer;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(times.Local(now.UtcDateTime).DateTime);
        MeetingsToday = (await meetings.MineAsync(today, today, ct)).Value?
            .Where(m => m.Status == Daftar.Meetings.OccurrenceStatus.Scheduled && m.EndsAt > now).Take(5).ToList() ?? [];
        Counts = officer.ActingPost is null ? null : await files.MyCountsAsync(ct);
        return Page();
    }
}
