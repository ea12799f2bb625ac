using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Account;

/// <summary>Shown when a signed-in user opens a page their role does not allow.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() { }
}
