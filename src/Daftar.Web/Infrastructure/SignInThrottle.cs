using System.Collections.Concurrent;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Slows password guessing without handing anyone a lock on someone else's account (ADR 0022). Wrong passwords are
/// counted per name typed and client address, and per name typed from anywhere; past a few, the next attempt must wait
/// a delay that doubles with each further failure: from one address after 3 failures (1 s, 2 s, … up to 15 minutes), and
/// for the name from all addresses together after 10 (1 s … at most a minute, so an outsider can slow an officer's
/// sign-in but never shut them out). Unknown names are counted exactly like known ones, so the answers tell nothing
/// about who has an account. Counts are forgotten 15 minutes after the last failure, and on a successful sign-in.
/// API tokens are not touched by any of this. Kept on this node (several nodes: issue #38).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    private sealed record Failures(int Count, DateTimeOffset Last);

    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    public const int FromOneAddressFreely = 3;
    public const int FromAnywhereFreely = 10;
    private static readonly TimeSpan FromOneAddressLongest = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan FromAnywhereLongest = TimeSpan.FromMinutes(1);

    private static string NameKey(string login) => "n:" + login.Trim().ToUpperInvariant();
    private static string PairKey(string login, string address) => "p:" + address + "|" + login.Trim().ToUpperInvariant();

    /// <summary>How long this attempt must still wait (zero: it may go ahead).</summary>
    public TimeSpan WaitFor(string login, string address)
    {
        var now = clock.GetUtcNow();
        var pair = Remaining(PairKey(login, address), FromOneAddressFreely, FromOneAddressLongest, now);
        var name = Remaining(NameKey(login), FromAnywhereFreely, FromAnywhereLongest, now);
        return pair > name ? pair : name;
    }

    /// <summary>Counts a wrong password; returns how many the name has had from anywhere.</summary>
    public int Failed(string login, string address)
    {
        var now = clock.GetUtcNow();
        Count(PairKey(login, address), now);
        return Count(NameKey(login), now);
    }

    public void Succeeded(string login, string address)
    {
        _failures.TryRemove(PairKey(login, address), out _);
        _failures.TryRemove(NameKey(login), out _);
    }

    /// <summary>An administrator's unlock: every count for the name, from every address, is forgotten.</summary>
    public void Forgive(string login)
    {
        var name = login.Trim().ToUpperInvariant();
        foreach (var key in _failures.Keys.Where(k => k == "n:" + name || k.EndsWith("|" + name, StringComparison.Ordinal)))
            _failures.TryRemove(key, out _);
    }

    private int Count(string key, DateTimeOffset now)
    {
        if (_failures.Count > 100_000) Sweep(now);
        return _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => now - f.Last > Forget ? new Failures(1, now) : new Failures(f.Count + 1, now)).Count;
    }

    private TimeSpan Remaining(string key, int freely, TimeSpan longest, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var f) || now - f.Last > Forget || f.Count < freely) return TimeSpan.Zero;
        var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(f.Count - freely, 20)));
        if (delay > longest) delay = longest;
        var left = f.Last + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, f) in _failures)
            if (now - f.Last > Forget) _failures.TryRemove(key, out _);
    }
}
