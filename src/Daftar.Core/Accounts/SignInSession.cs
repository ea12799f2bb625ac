namespace Daftar.Accounts;

/// <summary>
/// One signed-in browser: the cookie carries only its id (the "sid" claim), so ending the row ends that cookie and
/// every copy of it. A session ends when its officer signs out, after the idle time or the absolute lifetime the
/// administrator set, or when an administrator or the officer ends all their sessions.
/// </summary>
public class SignInSession
{
    private SignInSession() { }

    public string Id { get; private set; } = "";
    public int AccountId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    /// <summary>Moved at most once a minute, by an update that is neither audited nor tracked.</summary>
    public DateTimeOffset LastSeenAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public static SignInSession Start(int accountId, DateTimeOffset now) => new()
    {
        Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        AccountId = accountId,
        StartedAt = now,
        LastSeenAt = now,
    };

    public void End(DateTimeOffset now) => EndedAt ??= now;

    /// <summary>Whether the session may still be used at <paramref name="now"/>.</summary>
    public static bool IsLive(DateTimeOffset startedAt, DateTimeOffset lastSeenAt, DateTimeOffset? endedAt, DateTimeOffset now, SessionLimits limits) =>
        endedAt is null && now - startedAt < limits.Absolute && now - lastSeenAt < limits.Idle;
}

/// <summary>How long a session may last in all (ASVS 3.3.2) and without use (ASVS 3.3.1).</summary>
public sealed record SessionLimits(TimeSpan Absolute, TimeSpan Idle);
