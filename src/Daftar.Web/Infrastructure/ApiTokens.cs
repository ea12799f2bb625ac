using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Daftar.Accounts;
using Daftar.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Daftar.Web.Infrastructure;

/// <summary>Authenticates programs by "Authorization: Bearer dft_…"; only the token's hash is looked up.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    DaftarDb db, TimeProvider clock, TokenFailures failures, SignInCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string TooManyFailures = "daftar.token-failures";

    private sealed record TokenHolder(int Id, int AccountId, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt,
        string? UserName, int? EmployeeId, List<string> Roles, bool SecondFactor, bool Inactive);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.IsBlocked(address))
        {
            Context.Items[TooManyFailures] = true;
            return AuthenticateResult.Fail("Too many failed tokens from this address.");
        }
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            failures.Count(address);
            return AuthenticateResult.Fail("Malformed token.");
        }

        var hash = ApiToken.HashOf(secret);
        var key = (nameof(TokenHolder), hash);
        var readAt = cache.Generation;
        if (!cache.TryGet<TokenHolder>(key, out var found))
        {
            // One round trip: the token, its account and the account's roles.
            found = await db.ApiTokens.AsNoTracking().Where(t => t.Hash == hash)
                .Select(t => new TokenHolder(t.Id, t.AccountId, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.Account.UserName, t.Account.EmployeeId,
                    db.UserRoles.Where(ur => ur.UserId == t.AccountId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                    t.SecondFactor, t.Account.Employee != null && !t.Account.Employee.IsActive))
                .SingleOrDefaultAsync(Context.RequestAborted);
            if (found is not null) cache.Keep(key, found, readAt);
        }
        var now = clock.GetUtcNow();
        // An employee made inactive is out at once: their tokens are refused (the sign-in cache hears of the change).
        // A sign-in lockout does not touch tokens: whoever types wrong passwords must not stop an officer's integrations.
        if (found is null || !ApiToken.IsUsable(found.ExpiresAt, found.RevokedAt, now) || found.Inactive)
        {
            failures.Count(address);
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        }

        // Recording use on every call would turn reads into writes; once a minute is enough to see stale tokens.
        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
            cache.Keep(key, found with { LastUsedAt = now }, readAt);
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, found.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, found.UserName ?? ""),
            new("amr", "token"),
            new("token_id", found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        claims.AddRange(found.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        // Made with a fresh authenticator code: administration endpoints ask for this (Policies.ApiAdministrator).
        if (found.SecondFactor) claims.Add(new Claim("amr", "mfa"));
        if (found.EmployeeId is { } employeeId)
            claims.Add(new Claim(DaftarClaims.EmployeeId, employeeId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(TooManyFailures))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>
/// Failed bearer tokens per client address. Past the limit (Daftar:FailedTokensPerMinute, 20) every token from that
/// address is turned away with 429 until the minute is over, so guessing tokens (2^256 of them) is not even started.
/// </summary>
public sealed class TokenFailures(IConfiguration config) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = config.GetValue("Daftar:FailedTokensPerMinute", 20),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool IsBlocked(string address) => _limiter.GetStatistics(address)?.CurrentAvailablePermits == 0;

    public void Count(string address) => _limiter.AttemptAcquire(address).Dispose();

    public void Dispose() => _limiter.Dispose();
}

public static class Policies
{
    public const string Api = "Api";
    public const string Administrator = "Administrator";
    public const string ApiAdministrator = "ApiAdministrator";
}
