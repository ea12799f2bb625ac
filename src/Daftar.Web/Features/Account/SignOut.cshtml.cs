using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Account;

/// <summary>Sign-out is a POST (with antiforgery) so that a link on another site cannot sign an officer out.</summary>
public sealed class SignOutModel(SignInManager<Daftar.Accounts.Account> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Response.Cookies.Delete(Daftar.Web.Features.People.CurrentOfficer.ActingPostCookie);
        return RedirectToPage("/Account/SignIn");
    }
}
