using Daftar.Data;
using Daftar.People;
using Daftar.Web.Features.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>The review dashboard for a level of the hierarchy: attendance and action items per office.</summary>
public sealed class DashboardModel(ReviewDashboard dashboard, CurrentOfficer current, DaftarDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OfficeId { get; set; }
    [BindProperty(SupportsGet = true)] public OfficeType? Level { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public Dashboard? Board { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null) return Forbid();
        OfficeId ??= await db.Posts.Where(p => p.Id == officer.ActingPost.PostId).Select(p => p.OfficeId).SingleAsync(ct);
        var result = await dashboard.HandleAsync(OfficeId.Value, Level, From, To, ct);
        if (result.Succeeded) Board = result.Value;
        else Problem = result.Errors[0].Message;
        return Page();
    }
}
