using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Signing;

/// <summary>A note's signed text or its signature (.p7s), for the signed-in browser; the same rule as the API (the note's file must be visible).</summary>
public sealed class NoteSignatureModel(NoteSignatureQueries signing) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int note, string? part, CancellationToken ct)
    {
        if (await signing.DownloadAsync(note, ct) is not { } d) return NotFound();
        return part == "cms"
            ? File(d.Cms, "application/pkcs7-signature", $"note-{note}.p7s")
            : File(d.Content, "text/plain; charset=utf-8", $"note-{note}.txt");
    }
}
