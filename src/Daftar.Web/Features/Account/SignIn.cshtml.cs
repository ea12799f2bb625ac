using System.ComponentModel.DataAnnotations;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Account;

/// <summary>
/// Password sign-in. Wrong passwords slow further attempts (<see cref="SignInThrottle"/>) instead of locking the account,
/// and an unknown name costs the same work and gets the same answers as a known one. The officer hears of wrong
/// passwords typed for their account at their next sign-in, and by e-mail when they pile up.
/// </summary>
[EnableRateLimiting("sign-in")]
public sealed class SignInModel(SignInManager<Daftar.Accounts.Account> signIn, UserManager<Daftar.Accounts.Account> users, SignInThrottle throttle,
    Daftar.Data.DaftarDb db, TimeProvider clock, IServiceScopeFactory scopes, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Wrong passwords from anywhere after which the officer is e-mailed (and again at each later mark).</summary>
    private static readonly int[] WarnAt = [5, 25, 100, 500];

    // A password hash to check when the name is unknown, so that an unknown name takes as long as a known one.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<Daftar.Accounts.Account>().HashPassword(new(), "decoy-" + Guid.NewGuid()));

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
        var login = Login!.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var wait = throttle.WaitFor(login, address);
        if (wait > TimeSpan.Zero)
        {
            ModelState.AddModelError("", l["Too many wrong attempts. Wait {0} seconds and try again.", (int)Math.Ceiling(wait.TotalSeconds)]);
            return Page();
        }
        var account = await FindAsync(login);
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (account is null)
            users.PasswordHasher.VerifyHashedPassword(new Daftar.Accounts.Account(), DecoyHash.Value, Password!);
        else
            result = await signIn.PasswordSignInAsync(account, Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(login, address);
            await TellOfFailedAttemptsAsync(account!);
            await AdoptLanguageChosenHereAsync(account!);
            Localisation.WriteCultureCookie(Response, account!.PreferredCulture);
            return result.Succeeded ? LocalRedirect(SafeReturnUrl) : RedirectToPage("/Account/TwoFactor", new { returnUrl = SafeReturnUrl });
        }
        // Locked only by wrong two-factor codes, which needs the password: say so only to someone who knows it.
        if (result.IsLockedOut && account is not null && await users.CheckPasswordAsync(account, Password!))
        {
            ModelState.AddModelError("", l["Too many wrong codes. The account is locked for 15 minutes; an administrator can unlock it sooner."]);
            return Page();
        }
        await CountFailureAsync(login, address, account);
        ModelState.AddModelError("", l["The employee code, e-mail or password is wrong."]);
        return Page();
    }

    private async Task CountFailureAsync(string login, string address, Daftar.Accounts.Account? account)
    {
        var fromAnywhere = throttle.Failed(login, address);
        var now = clock.GetUtcNow();
        // The same statement for an unknown name (it changes no row), so the two cannot be told apart by time.
        var id = account?.Id ?? -1;
        await db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.FailedSignIns, a => a.FailedSignIns + 1).SetProperty(a => a.LastFailedSignInAt, now));
        if (account?.EmployeeId is { } employeeId && WarnAt.Contains(fromAnywhere))
            _ = Task.Run(() => WarnByMailAsync(scopes, employeeId, fromAnywhere, now));
    }

    /// <summary>After signing in, the officer is told how many wrong passwords were typed for their account meanwhile.</summary>
    private async Task TellOfFailedAttemptsAsync(Daftar.Accounts.Account account)
    {
        // The account was read for this sign-in already; the failures were counted by earlier requests.
        if (account.FailedSignIns == 0) return;
        TempData["FailedSignIns"] = account.FailedSignIns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        TempData["LastFailedSignInAt"] = account.LastFailedSignInAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await db.Users.Where(a => a.Id == account.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedSignIns, 0));
    }

    private static async Task WarnByMailAsync(IServiceScopeFactory scopes, int employeeId, int failures, DateTimeOffset at)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mail = scope.ServiceProvider.GetRequiredService<Daftar.Web.Infrastructure.MailSender>();
            var employee = await scope.ServiceProvider.GetRequiredService<Daftar.Data.DaftarDb>().Employees.AsNoTracking()
                .Where(e => e.Id == employeeId).Select(e => new { e.Email, e.NameEn, e.NameHi }).SingleOrDefaultAsync();
            if (!mail.IsConfigured || employee?.Email is null) return;
            var message = new MimeKit.MimeMessage { Subject = "Daftar: wrong passwords for your account / आपके खाते के लिए गलत पासवर्ड" };
            message.To.Add(new MimeKit.MailboxAddress(employee.NameEn, employee.Email));
            message.Body = new MimeKit.TextPart("plain")
            {
                Text = $"""
                    {failures} wrong passwords have been typed for your Daftar account in the last minutes (the last at {Localisation.Time(at)}).
                    Sign-in is slowed, not locked, so you can still sign in. If this was not you, change your password and tell the IT cell.

                    पिछले कुछ मिनटों में आपके दफ़्तर खाते के लिए {failures} बार गलत पासवर्ड डाला गया (अंतिम बार {Localisation.Time(at)})।
                    साइन-इन धीमा किया गया है, बंद नहीं; आप साइन इन कर सकते हैं। यदि यह आप नहीं थे, तो अपना पासवर्ड बदलें और आईटी प्रकोष्ठ को बताएँ।
                    """,
            };
            await mail.SendAsync(message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            scopes.CreateScope().ServiceProvider.GetRequiredService<ILogger<SignInModel>>().LogWarning(ex, "Could not e-mail an officer about wrong passwords");
        }
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
