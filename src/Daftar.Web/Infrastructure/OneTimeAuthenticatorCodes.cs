using Daftar.Accounts;
using Daftar.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Authenticator-app codes (RFC 6238, 30-second steps, one step of clock drift either way), each good once: the step of
/// the last accepted code is kept on the account and a code of that step or an earlier one is refused (ASVS 2.8.4). The
/// step is taken by one conditional update, so two sign-ins racing with the same code cannot both win. Replaces
/// Identity's authenticator provider, which accepts a code again for as long as it is valid.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(DaftarDb db, TimeProvider clock) : IUserTwoFactorTokenProvider<Account>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Account> manager, Account user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // The app makes the codes; Daftar never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<Account> manager, Account user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Account> manager, Account user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(previous: 1, future: 1))) return false;
        var taken = await db.Users.Where(a => a.Id == user.Id && (a.LastTotpStep == null || a.LastTotpStep < step))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.LastTotpStep, step));
        return taken == 1;
    }
}
