using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Files;

/// <summary>A scanned document shown in the browser (inline), to anyone who may see its receipt or the file it is in.</summary>
public sealed class DocumentModel(ReceiptActions receipts, BlobStore blobs) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int receipt, int n, CancellationToken ct)
    {
        if (await receipts.DocumentAsync(receipt, n, ct) is not { } doc || blobs.OpenRead(doc.BlobHash) is not { } stream) return NotFound();
        // Scans are shown, never run: served with the type Daftar recognised from the bytes (never HTML), nosniff, and a
        // policy that allows nothing but the browser's own PDF and image viewers.
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
        return new FileStreamResult(stream, doc.ContentType) { EnableRangeProcessing = true };
    }
}
