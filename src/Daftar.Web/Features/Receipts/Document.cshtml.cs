using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Receipts;

/// <summary>
/// A document shown in the browser (inline): a scanned page of a receipt (receipt, n) to anyone who may see the receipt
/// or the file it is in, or a document uploaded into a file's correspondence (file, item) to anyone who may see the file.
/// </summary>
public sealed class DocumentModel(ReceiptQueries receipts, FileDocuments fileDocuments, BlobStore blobs) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? receipt, int? n, int? file, int? item, CancellationToken ct)
    {
        string? hash, type;
        if (receipt is { } r && n is { } order && await receipts.DocumentAsync(r, order, ct) is { } doc)
            (hash, type) = (doc.BlobHash, doc.ContentType);
        else if (file is { } f && item is { } i && await fileDocuments.FindAsync(f, i, ct) is { BlobHash: not null } c)
            (hash, type) = (c.BlobHash, c.ContentType!);
        else
            return NotFound();
        if (blobs.OpenRead(hash) is not { } stream) return NotFound();
        // Documents are shown, never run: served with the type Daftar recognised from the bytes (never HTML), nosniff, and a
        // policy that allows nothing but the browser's own PDF and image viewers.
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
        return new FileStreamResult(stream, type) { EnableRangeProcessing = true };
    }
}
