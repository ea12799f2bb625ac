using System.ComponentModel.DataAnnotations;
using Daftar.Accounts;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Account;

[EnableRateLimiting("sign-in")]
public sealed class SignInModel(SignInManager<Daftar.Accounts.Account> signIn, UserManager<Daftar.Accounts.Account> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "{0} is required.")]
    [Display(Name = "Employee code or e-mail")]
    [StringLength(254, ErrorMessage = "{0} must be at most {1} characters.")]
    public string? Login { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "{0} is required.")]
    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    [StringLength(200, ErrorMessage = "{0} must be at most {1} characters.")]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var account = await FindAsync(Login!);
        if (account is null)
        {
            // Same answer as a wrong password, so the form does not reveal who has an account.
            ModelState.AddModelError("", l["The employee code, e-mail or password is wrong."]);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(account, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await AdoptLanguageChosenHereAsync(account);
            Localisation.WriteCultureCookie(Response, account.PreferredCulture);
            return result.Succeeded ? LocalRedirect(SafeReturnUrl) : RedirectToPage("/Account/TwoFactor", new { returnUrl = SafeReturnUrl });
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? l["Too many wrong attempts. The account is locked for 15 minutes; an administrator can unlock it sooner."]
            : l["The employee code, e-mail or password is wrong."]);
        return Page();
    }

    /// <summary>The language picked on the sign-in page becomes the account's, so it holds after signing in and next time.</summary>
    private async Task AdoptLanguageChosenHereAsync(Daftar.Accounts.Account account)
    {
        if (Request.Cookies[Localisation.ChosenBeforeSignInCookie] is not { } chosen) return;
        Response.Cookies.Delete(Localisation.ChosenBeforeSignInCookie);
        chosen = chosen == "hi" ? "hi" : "en";
        if (account.PreferredCulture == chosen) return;
        account.PreferredCulture = chosen;
        await users.UpdateAsync(account);
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    private async Task<Daftar.Accounts.Account?> FindAsync(string login)
    {
        login = login.Trim();
        return await users.FindByNameAsync(login) ?? (login.Contains('@') ? await users.FindByEmailAsync(login) : null);
    }
}
