using System.Globalization;
using System.Security.Claims;
using Daftar.Accounts;
using Daftar.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Server-side sessions behind the sign-in cookie (ADR 0022). A cookie names its session ("daftar:sid"); a request is
/// served only while that session has not ended, is younger than the absolute lifetime (Daftar:SessionHours, 12) and
/// was used within the idle time (Daftar:SessionIdleMinutes, 30). Signing out ends the session, so a copy of the cookie
/// taken before is refused at once. A session's state is kept in the <see cref="SignInCache"/>: ending one is a save
/// the cache hears of, on this node at once and on others within a second.
/// </summary>
public sealed class SignInSessions(DaftarDb db, SignInCache cache, TimeProvider clock, SessionLimits limits)
{
    private sealed record State(int AccountId, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, DateTimeOffset? EndedAt);

    /// <summary>Limits from configuration; read once at start.</summary>
    public static SessionLimits LimitsFrom(IConfiguration config) => new(
        TimeSpan.FromHours(Math.Clamp(config.GetValue("Daftar:SessionHours", 12.0), 0.1, 24 * 30)),
        TimeSpan.FromMinutes(Math.Clamp(config.GetValue("Daftar:SessionIdleMinutes", 30.0), 1, 24 * 60)));

    public static string? IdOf(ClaimsPrincipal? user) => user?.FindFirst(DaftarClaims.SessionId)?.Value;

    /// <summary>
    /// A cookie is being issued: a new session, unless the request already belongs to a live session of the same account
    /// (a refresh after a password change keeps its session; the change ended the others).
    /// </summary>
    public async Task OnSigningInAsync(CookieSigningInContext ctx)
    {
        if (ctx.Principal?.Identity is not ClaimsIdentity identity || !int.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, CultureInfo.InvariantCulture, out var accountId))
            return;
        var current = IdOf(ctx.HttpContext.User);
        var keep = current is not null && int.TryParse(ctx.HttpContext.User.FindFirst(ClaimTypes.NameIdentifier)?.Value, CultureInfo.InvariantCulture, out var currentAccount)
            && currentAccount == accountId && await IsLiveAsync(current, accountId, ctx.HttpContext.RequestAborted);
        var sid = current;
        if (!keep)
        {
            var session = SignInSession.Start(accountId, clock.GetUtcNow());
            db.SignInSessions.Add(session);
            await db.SaveChangesAsync(ctx.HttpContext.RequestAborted);
            sid = session.Id;
        }
        foreach (var old in identity.FindAll(DaftarClaims.SessionId).ToList()) identity.RemoveClaim(old);
        identity.AddClaim(new Claim(DaftarClaims.SessionId, sid!));
        // The cookie itself lives no longer than the session may.
        ctx.Properties.ExpiresUtc = clock.GetUtcNow() + limits.Absolute;
        ctx.Properties.AllowRefresh = true;
    }

    /// <summary>Runs after the security-stamp check on every request that carries the cookie.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var sid = IdOf(ctx.Principal);
        var accountId = int.TryParse(ctx.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value, CultureInfo.InvariantCulture, out var id) ? id : 0;
        if (sid is not null && await IsLiveAsync(sid, accountId, ctx.HttpContext.RequestAborted, touch: true)) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    public async Task<bool> IsLiveAsync(string sid, int accountId, CancellationToken ct, bool touch = false)
    {
        var key = (nameof(SignInSession), sid);
        var readAt = cache.Generation;
        if (!cache.TryGet<State>(key, out var state))
        {
            state = await db.SignInSessions.AsNoTracking().Where(s => s.Id == sid)
                .Select(s => new State(s.AccountId, s.StartedAt, s.LastSeenAt, s.EndedAt)).SingleOrDefaultAsync(ct);
            if (state is not null) cache.Keep(key, state, readAt);
        }
        var now = clock.GetUtcNow();
        if (state is null || state.AccountId != accountId || !SignInSession.IsLive(state.StartedAt, state.LastSeenAt, state.EndedAt, now, limits))
            return false;
        // Recording use on every request would turn reads into writes; once a minute is enough for an idle time in minutes.
        if (touch && now - state.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            await db.SignInSessions.Where(s => s.Id == sid && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
            cache.Keep(key, state with { LastSeenAt = now }, readAt);
        }
        return true;
    }

    /// <summary>Ends one session (signing out). Nothing happens for a session already ended or someone else's.</summary>
    public async Task EndAsync(string sid, int accountId, CancellationToken ct)
    {
        var session = await db.SignInSessions.SingleOrDefaultAsync(s => s.Id == sid && s.AccountId == accountId, ct);
        if (session is null || session.EndedAt is not null) return;
        session.End(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Ends every session of an account (sign out everywhere; an administrator's reset or deactivation).</summary>
    public async Task<int> EndAllAsync(int accountId, CancellationToken ct)
    {
        var open = await db.SignInSessions.Where(s => s.AccountId == accountId && s.EndedAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var session in open) session.End(now);
        if (open.Count > 0) await db.SaveChangesAsync(ct);
        return open.Count;
    }

    /// <summary>Revokes every usable token of the account and ends its sessions; saved by the caller's next save.</summary>
    public static async Task<int> CutOffAsync(DaftarDb db, int accountId, DateTimeOffset now, CancellationToken ct)
    {
        var revoked = await RevokeTokensAsync(db, accountId, now, ct);
        foreach (var session in await db.SignInSessions.Where(s => s.AccountId == accountId && s.EndedAt == null).ToListAsync(ct)) session.End(now);
        return revoked;
    }

    /// <summary>Revokes every token of the account not revoked yet; saved by the caller's next save. Says how many.</summary>
    public static async Task<int> RevokeTokensAsync(DaftarDb db, int accountId, DateTimeOffset now, CancellationToken ct)
    {
        var tokens = await db.ApiTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in tokens) token.Revoke(now);
        return tokens.Count;
    }
}
