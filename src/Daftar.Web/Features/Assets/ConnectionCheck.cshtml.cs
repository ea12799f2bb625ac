using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Assets;

/// <summary>
/// The connection check: connection-check.js measures round trips, then downloads and uploads a few MB against this page's
/// probe handlers, and posts the result; the page answers in plain words what the link is good for.
/// </summary>
public sealed class ConnectionCheckModel(ConnectionQueries queries, IStringLocalizer<SharedResource> l) : PageModel
{
    public MyConnectionView? Connection { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var mine = await queries.MineAsync(ct);
        if (!mine.Succeeded) return Forbid();
        Connection = mine.Value;
        return Page();
    }

    /// <summary>Download probe: incompressible bytes, never cached.</summary>
    public IActionResult OnGetProbe(int? bytes)
    {
        Response.Headers.CacheControl = "no-store";
        return File(AssetsModule.ProbeBytes(bytes ?? 1024 * 1024).ToArray(), "application/octet-stream");
    }

    /// <summary>Upload probe: reads the body and throws it away.</summary>
    public async Task<IActionResult> OnPostProbeAsync(CancellationToken ct)
    {
        var total = await AssetsModule.DrainAsync(Request.Body, ct);
        return total is null ? StatusCode(StatusCodes.Status413PayloadTooLarge) : new JsonResult(new ProbeAnswer(total.Value));
    }

    public async Task<IActionResult> OnPostResultAsync([FromBody] ConnectionCheckCommand? cmd, [FromServices] RecordConnectionCheck handler, CancellationToken ct)
    {
        if (cmd is null) return BadRequest();
        var result = await handler.HandleAsync(cmd, ct);
        if (!result.Succeeded) return BadRequest(new { error = l.Describe(result.Errors[0]) });
        var v = result.Value!;
        return new JsonResult(new { v.Quality, verdict = l[AssetsLabels.Of(v.Quality)].Value, v.DownloadMbps, v.UploadMbps, v.LatencyMs, v.JitterMs });
    }
}
