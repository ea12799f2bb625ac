using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Account;

[EnableRateLimiting("sign-in")]
public sealed class TwoFactorModel(SignInManager<Daftar.Accounts.Account> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "{0} is required.")]
    [Display(Name = "Code from your authenticator app")]
    [StringLength(10, ErrorMessage = "{0} must be at most {1} characters.")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Account/SignIn");
        if (!ModelState.IsValid) return Page();
        var code = Code!.Replace(" ", "").Replace("-", "");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? l["Too many wrong attempts. The account is locked for 15 minutes; an administrator can unlock it sooner."]
            : l["The code is wrong or has expired. Enter the current code from your app."]);
        return Page();
    }
}
