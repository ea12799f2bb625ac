using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Daftar.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Daftar.Web.Features.Account.Manage;

/// <summary>Sets up TOTP two-factor sign-in with an authenticator app and hands out recovery codes (shown once).</summary>
public sealed class TwoFactorModel(UserManager<Daftar.Accounts.Account> users, SignInManager<Daftar.Accounts.Account> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public bool Enabled { get; private set; }
    public bool IsAdministrator { get; private set; }
    public bool Required { get; private set; }
    public string? SharedKey { get; private set; }
    public string? QrCodeDataUri { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "{0} is required.")]
    [Display(Name = "Code from your authenticator app")]
    [StringLength(10, ErrorMessage = "{0} must be at most {1} characters.")]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync(bool required = false)
    {
        Required = required;
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        if (!ModelState.IsValid)
        {
            await LoadAsync(account);
            return Page();
        }
        var code = Code!.Replace(" ", "").Replace("-", "");
        var valid = await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), l["The code is wrong or has expired. Enter the current code from your app."]);
            await LoadAsync(account);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(account, true);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!.ToList();
        // The officer just proved the second factor: their session now counts as two-factor.
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "mfa")]);
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        if (!account.TwoFactorEnabled) return RedirectToPage();
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!.ToList();
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        if (await users.IsInRoleAsync(account, Roles.Administrator))
        {
            ModelState.AddModelError("", l["Administrators must keep two-factor sign-in on."]);
            await LoadAsync(account);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        await signIn.RefreshSignInAsync(account);
        TempData["Message"] = l["Two-factor sign-in is off."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(Daftar.Accounts.Account account)
    {
        Enabled = account.TwoFactorEnabled;
        IsAdministrator = await users.IsInRoleAsync(account, Roles.Administrator);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(account) : 0;
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            // A new key changes the security stamp; re-issue this session's cookie so it stays valid.
            await signIn.RefreshSignInAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }
        SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/Daftar:{Uri.EscapeDataString(account.UserName!)}?secret={key}&issuer=Daftar&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(qr).GetGraphic(4);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
