using System.Security.Cryptography;
using Daftar.Accounts;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Account;

public sealed record AccountStatus(bool Exists, string? UserName, bool LockedOut, bool TwoFactorEnabled, bool MustChangePassword, bool IsAdministrator,
    int ActiveTokens = 0, int OpenSessions = 0);
public sealed record RevokedTokens(int Revoked);
public sealed record TemporaryPassword(string UserName, string Password);

// What the IT nodal officer does for an employee's sign-in. Each of these changes the security stamp, so existing
// sessions end; a password reset and a two-factor reset also revoke the account's API tokens (whoever had the old
// password or phone may have made them).

/// <summary>Whether the employee can sign in, is locked out, uses two-factor; their live tokens and sessions.</summary>
public sealed class AccountQueries(DaftarDb db, UserManager<Daftar.Accounts.Account> users, TimeProvider clock)
{
    public async Task<AccountStatus?> StatusAsync(int employeeId, CancellationToken ct)
    {
        if (!await db.Employees.AnyAsync(e => e.Id == employeeId, ct)) return null;
        var account = await users.Users.SingleOrDefaultAsync(a => a.EmployeeId == employeeId, ct);
        if (account is null) return new AccountStatus(false, null, false, false, false, false);
        var now = clock.GetUtcNow();
        // Expiry is compared here: SQLite cannot compare DateTimeOffset columns.
        var tokens = (await db.ApiTokens.Where(t => t.AccountId == account.Id && t.RevokedAt == null).Select(t => t.ExpiresAt).ToListAsync(ct))
            .Count(expires => expires is null || expires > now);
        var sessions = await db.SignInSessions.CountAsync(s => s.AccountId == account.Id && s.EndedAt == null, ct);
        return new AccountStatus(true, account.UserName, account.LockoutEnd > now, account.TwoFactorEnabled,
            account.MustChangePassword, await users.IsInRoleAsync(account, Roles.Administrator), tokens, sessions);
    }
}

/// <summary>
/// Opens the employee's account (for employees who came in through the import), or resets a forgotten password; either
/// way a temporary password, shown once, that the officer must change.
/// </summary>
public sealed class IssueTemporaryPassword(DaftarDb db, UserManager<Daftar.Accounts.Account> users, TimeProvider clock)
{
    public async Task<Result<TemporaryPassword>> HandleAsync(int employeeId, CancellationToken ct)
    {
        var employee = await db.Employees.SingleOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return Error.NotFound("Employee");
        if (!employee.IsActive) return AccountErrors.EmployeeInactive;
        var password = NewTemporaryPassword();
        var account = await users.Users.SingleOrDefaultAsync(a => a.EmployeeId == employeeId, ct);
        IdentityResult result;
        if (account is null)
        {
            account = new Daftar.Accounts.Account
            {
                UserName = employee.Code,
                Email = employee.Email,
                EmailConfirmed = employee.Email is not null,
                EmployeeId = employee.Id,
                CreatedAt = clock.GetUtcNow(),
                MustChangePassword = true,
                LockoutEnabled = true,
            };
            result = await users.CreateAsync(account, password);
        }
        else
        {
            account.MustChangePassword = true;
            await SignInSessions.CutOffAsync(db, account.Id, clock.GetUtcNow(), ct);
            var token = await users.GeneratePasswordResetTokenAsync(account);
            result = await users.ResetPasswordAsync(account, token, password);
            if (result.Succeeded) await users.SetLockoutEndDateAsync(account, null);
        }
        if (!result.Succeeded)
            return AccountErrors.AccountRefused(string.Join(" ", result.Errors.Select(e => e.Description)));
        return new TemporaryPassword(account.UserName!, password);
    }

    // 16 characters from an alphabet without look-alikes, with the classes the password policy asks for.
    private static string NewTemporaryPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 12).Select(_ => letters[RandomNumberGenerator.GetInt32(letters.Length)]).ToList();
        chars.AddRange(['K', '7', '-', 'm']);
        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(1000)).ToArray());
    }
}

/// <summary>Lifts a sign-in lockout, here and in the throttle of slowed retries.</summary>
public sealed class UnlockAccount(UserManager<Daftar.Accounts.Account> users, SignInThrottle throttle)
{
    public async Task<Result<bool>> HandleAsync(int employeeId, CancellationToken ct)
    {
        var account = await users.Users.SingleOrDefaultAsync(a => a.EmployeeId == employeeId, ct);
        if (account is null) return Error.NotFound("Account");
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        throttle.Forgive(account.UserName!);
        if (account.Email is not null) throttle.Forgive(account.Email);
        return true;
    }
}

/// <summary>For an officer who lost their phone and their recovery codes: they set two-factor up again at next sign-in.</summary>
public sealed class ResetTwoFactor(DaftarDb db, UserManager<Daftar.Accounts.Account> users, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(int employeeId, CancellationToken ct)
    {
        var account = await users.Users.SingleOrDefaultAsync(a => a.EmployeeId == employeeId, ct);
        if (account is null) return Error.NotFound("Account");
        await SignInSessions.CutOffAsync(db, account.Id, clock.GetUtcNow(), ct);
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        return true;
    }
}

/// <summary>For a lost laptop or an integration gone wrong: every API token of the employee's account stops working.</summary>
public sealed class RevokeApiTokens(DaftarDb db, UserManager<Daftar.Accounts.Account> users, TimeProvider clock)
{
    public async Task<Result<RevokedTokens>> HandleAsync(int employeeId, CancellationToken ct)
    {
        var account = await users.Users.SingleOrDefaultAsync(a => a.EmployeeId == employeeId, ct);
        if (account is null) return Error.NotFound("Account");
        var revoked = await SignInSessions.RevokeTokensAsync(db, account.Id, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return new RevokedTokens(revoked);
    }
}
