using System.Globalization;
using System.Security.Claims;
using Daftar.Web.Features.Notifications;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Account;

/// <summary>
/// Sign-out is a POST (with antiforgery) so that a link on another site cannot sign an officer out. It ends the session
/// on the server, so a copy of the cookie is refused from then on, and closes the session's live connections.
/// </summary>
public sealed class SignOutModel(SignInManager<Daftar.Accounts.Account> signIn, SignInSessions sessions, LiveConnections live) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (SignInSessions.IdOf(User) is { } sid && int.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var accountId))
        {
            await sessions.EndAsync(sid, accountId, ct);
            await live.CatchUpAsync(ct);
        }
        await signIn.SignOutAsync();
        Response.Cookies.Delete(Daftar.Web.Features.People.CurrentOfficer.ActingPostCookie);
        return RedirectToPage("/Account/SignIn");
    }
}
