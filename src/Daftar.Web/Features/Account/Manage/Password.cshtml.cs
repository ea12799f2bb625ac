using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Account.Manage;

/// <summary>Changing the password also changes the security stamp, which ends the officer's other sessions.</summary>
public sealed class PasswordModel(UserManager<Daftar.Accounts.Account> users, SignInManager<Daftar.Accounts.Account> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty, Required(ErrorMessage = "{0} is required."), Display(Name = "Current password"), DataType(DataType.Password)]
    [StringLength(200, ErrorMessage = "{0} must be at most {1} characters.")]
    public string? Current { get; set; }

    [BindProperty, Required(ErrorMessage = "{0} is required."), Display(Name = "New password"), DataType(DataType.Password)]
    [StringLength(200, ErrorMessage = "{0} must be at most {1} characters.")]
    public string? New { get; set; }

    [BindProperty, Required(ErrorMessage = "{0} is required."), Display(Name = "New password again"), DataType(DataType.Password)]
    [Compare(nameof(New), ErrorMessage = "The two new passwords are not the same.")]
    public string? Confirm { get; set; }

    [BindProperty(SupportsGet = true)] public bool Required { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        var result = await users.ChangePasswordAsync(account, Current!, New!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError(e.Code == "PasswordMismatch" ? nameof(Current) : nameof(New), e.Description);
            return Page();
        }
        if (account.MustChangePassword)
        {
            account.MustChangePassword = false;
            await users.UpdateAsync(account);
        }
        await signIn.RefreshSignInAsync(account);
        TempData["Message"] = l["Your password has been changed. Other devices are signed out."].Value;
        return RedirectToPage("/Me/Index");
    }
}
