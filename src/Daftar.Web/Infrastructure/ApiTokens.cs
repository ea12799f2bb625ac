using System.Security.Claims;
using System.Text.Encodings.Web;
using Daftar.Accounts;
using Daftar.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Daftar.Web.Infrastructure;

/// <summary>Authenticates programs by "Authorization: Bearer dft_…"; only the token's hash is looked up.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    DaftarDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || secret.Length > 100)
            return AuthenticateResult.Fail("Malformed token.");

        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.Include(t => t.Account).SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (token is null || !token.IsUsableAt(now) || token.Account.LockoutEnd > now)
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");

        // Recording use on every call would turn reads into writes; once a minute is enough to see stale tokens.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == token.AccountId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(Context.RequestAborted);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, token.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, token.Account.UserName ?? ""),
            new("amr", "token"),
            new("token_id", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (token.Account.EmployeeId is { } employeeId)
            claims.Add(new Claim(DaftarClaims.EmployeeId, employeeId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Api = "Api";
    public const string Administrator = "Administrator";
    public const string ApiAdministrator = "ApiAdministrator";
}
