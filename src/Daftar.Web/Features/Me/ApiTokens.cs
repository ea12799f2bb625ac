using Daftar.Accounts;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Me;

public sealed record ApiTokenSummary(int Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
public sealed record CreateApiTokenCommand(string? Name, int? Days);
public sealed record CreatedApiToken(int Id, string Name, string Token, DateTimeOffset? ExpiresAt);

/// <summary>A user's own API tokens: list, create (the secret is returned once), revoke.</summary>
public sealed class ManageApiTokens(DaftarDb db, TimeProvider clock)
{
    public Task<List<ApiTokenSummary>> ListAsync(int accountId, CancellationToken ct) =>
        db.ApiTokens.AsNoTracking().Where(t => t.AccountId == accountId).OrderByDescending(t => t.Id)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);

    public async Task<Result<CreatedApiToken>> CreateAsync(int accountId, CreateApiTokenCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var name = v.Required(cmd.Name, "name", "Token name", 100);
        if (cmd.Days is < 1 or > 3650) v.Add(new Error("invalid_days", "Validity must be between 1 and 3650 days.", ErrorKind.Invalid, "days"));
        if (v.Failed) return Result<CreatedApiToken>.Fail(v.Errors);
        var account = await db.Users.SingleAsync(a => a.Id == accountId, ct);
        var activeCount = await db.ApiTokens.CountAsync(t => t.AccountId == accountId && t.RevokedAt == null, ct);
        if (activeCount >= 20)
            return new Error("too_many_tokens", "You already have 20 tokens. Revoke one you no longer use.", ErrorKind.Conflict);
        var now = clock.GetUtcNow();
        var (token, secret) = ApiToken.Issue(account, name!, now, cmd.Days is null ? null : now.AddDays(cmd.Days.Value));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedApiToken(token.Id, token.Name, secret, token.ExpiresAt);
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
