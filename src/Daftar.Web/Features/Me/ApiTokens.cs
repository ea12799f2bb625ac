using Daftar.Accounts;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Me;

public sealed record ApiTokenSummary(int Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt,
    bool SecondFactor = false);
/// <param name="AuthenticatorCode">A current code from the authenticator app: the token is then bound to a second factor,
/// which administration endpoints require.</param>
public sealed record CreateApiTokenCommand(string? Name, int? Days, string? AuthenticatorCode = null);
public sealed record CreatedApiToken(int Id, string Name, string Token, DateTimeOffset? ExpiresAt, bool SecondFactor = false);

/// <summary>
/// A user's own API tokens: list, create (the secret is returned once), revoke. A token made with a fresh authenticator
/// code is bound to the second factor; only such a token may call administration endpoints (docs/security.md).
/// </summary>
public sealed class ManageApiTokens(DaftarDb db, TimeProvider clock, Microsoft.AspNetCore.Identity.UserManager<Daftar.Accounts.Account> users)
{

    public Task<List<ApiTokenSummary>> ListAsync(int accountId, CancellationToken ct) =>
        db.ApiTokens.AsNoTracking().Where(t => t.AccountId == accountId).OrderByDescending(t => t.Id)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.SecondFactor))
            .ToListAsync(ct);

    public async Task<Result<CreatedApiToken>> CreateAsync(int accountId, CreateApiTokenCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var name = v.Required(cmd.Name, "name", "Token name", 100);
        if (cmd.Days is < 1 or > 3650) v.Add(MeErrors.InvalidDays);
        if (v.Failed) return Result<CreatedApiToken>.Fail(v.Errors);
        var account = await db.Users.SingleAsync(a => a.Id == accountId, ct);
        var activeCount = await db.ApiTokens.CountAsync(t => t.AccountId == accountId && t.RevokedAt == null, ct);
        if (activeCount >= 20)
            return MeErrors.TooManyTokens;
        var code = cmd.AuthenticatorCode?.Replace(" ", "").Replace("-", "");
        var secondFactor = false;
        if (!string.IsNullOrEmpty(code))
        {
            if (!account.TwoFactorEnabled || !await users.VerifyTwoFactorTokenAsync(account, Microsoft.AspNetCore.Identity.TokenOptions.DefaultAuthenticatorProvider, code))
                return MeErrors.WrongCode;
            secondFactor = true;
        }
        var now = clock.GetUtcNow();
        var (token, secret) = ApiToken.Issue(account, name!, now, cmd.Days is null ? null : now.AddDays(cmd.Days.Value), secondFactor);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedApiToken(token.Id, token.Name, secret, token.ExpiresAt, token.SecondFactor);
    }

    public async Task<Result<int>> RevokeAsync(int accountId, int tokenId, CancellationToken ct)
    {
        // Someone else's token is reported as missing, not as forbidden, so ids reveal nothing.
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.AccountId == accountId, ct);
        if (token is null) return Error.NotFound("Token");
        token.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return token.Id;
    }
}
