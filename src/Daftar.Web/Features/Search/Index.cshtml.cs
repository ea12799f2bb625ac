using Daftar.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Search;

/// <summary>Search files, notes and receipts in either script, with filters; only what the officer may see.</summary>
public sealed class IndexModel(SearchFiles handler, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }
    [BindProperty(SupportsGet = true)] public FileStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Grading? Grading { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public SearchResults? Results { get; private set; }
    public bool Searched { get; private set; }
    public int SearchedNewest => handler.SearchedNewest;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Values the model binder could not read (a date typed wrongly) are reported, not silently dropped.
        foreach (var (key, entry) in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            ModelState.Remove(key);
            ModelState.AddModelError(key, l["The value is not valid."]);
        }
        if (!ModelState.IsValid) return;
        var result = await handler.HandleAsync(new SearchQuery(Q, Department, Section, Status, Grading, From, To), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, l);
            return;
        }
        Results = result.Value;
        Searched = true;
    }
}
