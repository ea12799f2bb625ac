using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Account;

/// <summary>Switches between Hindi and English; remembered in a cookie and, when signed in, on the account.</summary>
public sealed class LanguageModel(UserManager<Daftar.Accounts.Account> users) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        var chosen = language == "hi" ? "hi" : "en";
        Localisation.WriteCultureCookie(Response, chosen);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } account && account.PreferredCulture != chosen)
        {
            account.PreferredCulture = chosen;
            await users.UpdateAsync(account);
        }
        else if (User.Identity?.IsAuthenticated != true)
        {
            Response.Cookies.Append(Localisation.ChosenBeforeSignInCookie, chosen,
                new CookieOptions { HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
