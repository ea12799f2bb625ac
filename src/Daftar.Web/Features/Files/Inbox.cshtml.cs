using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Files;

/// <summary>The inbox: one row per file held by my posts, by tab (new, opened, overdue, sent, created, parked, closed), 50 a page.</summary>
public sealed class InboxModel(FileQueries queries, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Tab { get; set; }
    public Result<Inbox> Result { get; private set; }
    public DateOnly Today { get; private set; }

    // "page" is also Razor Pages' own route value, so the page number is read from the query string alone.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Result = await queries.InboxAsync(Tab, pageNumber ?? 1, ct);
        Today = clock.Today();
    }
}
