using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Files;

/// <summary>A file's whole movement history, a page at a time (the file's own page shows the newest movements).</summary>
public sealed class HistoryModel(FileQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public MovementHistory? History { get; private set; }
    public Error? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // "page" is Razor Pages' own route value (the page's path), so the page number is read from the query itself.
        var number = Request.Query.ContainsKey("page")
            ? int.TryParse(Request.Query["page"], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0
            : 1;
        var result = await queries.HistoryAsync(Id, number, ct);
        if (result.Succeeded)
        {
            History = result.Value;
            return Page();
        }
        if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
        Refused = result.Errors[0];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
