using Daftar.Web.Features.People.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.People.Admin;

/// <summary>Upload the employee master; the import runs in the background and the page shows its progress.</summary>
[RequestSizeLimit(MaxBytes + 1_000_000)]
public sealed class ImportModel(ImportJobs jobs, CurrentOfficer current, IStringLocalizer<SharedResource> l) : PageModel
{
    public const long MaxBytes = 20 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public ImportMode Mode { get; set; } = ImportMode.AllOrNothing;
    [BindProperty(SupportsGet = true)] public Guid? Job { get; set; }
    public ImportJob? Running { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Job is { } id)
        {
            Running = jobs.Find(id, (await current.GetAsync(ct))!.AccountId);
            if (Running is null) return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(CancellationToken ct)
    {
        Running = Job is { } id ? jobs.Find(id, (await current.GetAsync(ct))!.AccountId) : null;
        if (Running is null) return NotFound();
        return Partial("_ImportStatus", Running);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), l["Choose a .csv or .xlsx file to import."]);
        else if (Upload.Length > MaxBytes)
            ModelState.AddModelError(nameof(Upload), l["The file is larger than {0} MB.", MaxBytes / 1024 / 1024]);
        else if (Path.GetExtension(Upload.FileName).ToLowerInvariant() is not (".csv" or ".xlsx"))
            ModelState.AddModelError(nameof(Upload), l["Only .csv and .xlsx files can be imported."]);
        if (!Enum.IsDefined(Mode)) Mode = ImportMode.AllOrNothing;
        if (!ModelState.IsValid) return Page();

        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, ct);
        var job = jobs.Start((await current.GetAsync(ct))!.AccountId, Path.GetFileName(Upload.FileName), buffer.ToArray(), Mode);
        return RedirectToPage(new { job = job.Id });
    }
}
