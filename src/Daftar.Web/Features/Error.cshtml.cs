using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features;

/// <summary>What a user sees when something failed on the server: their work is not lost, and what to do.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public void OnGet() { }

    public void OnPost() { }
}
