using System.ComponentModel.DataAnnotations;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Me;

/// <summary>The officer's own page: posts held today, the post they act for, sign-in security and API tokens.</summary>
public sealed class IndexModel(CurrentOfficer current, ManageApiTokens tokens, UserManager<Daftar.Accounts.Account> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public Officer Officer { get; private set; } = null!;
    public string? Email { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public IReadOnlyList<ApiTokenSummary> Tokens { get; private set; } = [];
    public CreatedApiToken? NewToken { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "{0} is required.")]
    [Display(Name = "Token name")]
    [StringLength(100, ErrorMessage = "{0} must be at most {1} characters.")]
    public string? TokenName { get; set; }

    [BindProperty]
    [Display(Name = "Code from your authenticator app")]
    [StringLength(10, ErrorMessage = "{0} must be at most {1} characters.")]
    public string? TokenCode { get; set; }

    [BindProperty]
    [Display(Name = "Valid for (days)")]
    [Range(1, 3650, ErrorMessage = "{0} must be between {1} and {2}.")]
    public int? TokenDays { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActAsAsync(int postId, string? returnUrl, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null) return Challenge();
        if (officer.Posts.All(p => p.PostId != postId))
        {
            TempData["Message"] = l["You do not hold that post today."].Value;
            return RedirectToPage();
        }
        Response.Cookies.Append(CurrentOfficer.ActingPostCookie, postId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, IsEssential = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/Me");
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var officer = (await current.GetAsync(ct))!;
        var result = await tokens.CreateAsync(officer.AccountId, new CreateApiTokenCommand(TokenName, TokenDays, TokenCode), ct);
        if (!result.Succeeded)
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Field switch { "days" => nameof(TokenDays), "authenticatorCode" => nameof(TokenCode), _ => nameof(TokenName) }, l.Describe(e));
        else
        {
            NewToken = result.Value;
            TokenName = null;
            TokenDays = null;
            TokenCode = null;
            ModelState.Clear();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(int tokenId, CancellationToken ct)
    {
        var officer = (await current.GetAsync(ct))!;
        var result = await tokens.RevokeAsync(officer.AccountId, tokenId, ct);
        TempData["Message"] = result.Succeeded ? l["The token has been revoked."].Value : l.Describe(result.Errors[0]);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Officer = (await current.GetAsync(ct))!;
        var account = await users.GetUserAsync(User);
        Email = account?.Email;
        TwoFactorEnabled = account?.TwoFactorEnabled == true;
        Tokens = await tokens.ListAsync(Officer.AccountId, ct);
    }
}
