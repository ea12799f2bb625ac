using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Daftar.Accounts;
using Daftar.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Who a bearer token is and which posts an account holds today, kept for a few seconds (Daftar:SignInCacheSeconds,
/// 30; 0 turns it off) so that a program's every call does not read them again: two of a file send's six round trips.
/// A save that touches an account's name, employee or lockout, its roles, a token, an employee, a posting, a post or what
/// a post's title is made of forgets everything at once (<see cref="SignInChanges"/>): at the next request on the node
/// that saved, and within a second on every other node and after an admin verb, which see the "sign-in" counter row move
/// (<see cref="SignInCacheRefresh"/>). A change made in SQL, outside Daftar, is seen within the time kept. ADR 0018.
/// </summary>
public sealed class SignInCache : IDisposable
{
    private sealed record Entry(object Value, long Generation);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly TimeSpan _keep;
    private long _generation;

    public SignInCache(IConfiguration config) =>
        _keep = TimeSpan.FromSeconds(Math.Max(0, config.GetValue("Daftar:SignInCacheSeconds", 30)));

    /// <summary>Taken before reading from the database; what was read is kept only if nothing changed meanwhile.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet<T>(object key, [MaybeNullWhen(false)] out T value) where T : class
    {
        if (_keep > TimeSpan.Zero && _entries.TryGetValue(key, out Entry? entry) && entry!.Generation == Generation && entry.Value is T found)
        {
            value = found;
            return true;
        }
        value = null;
        return false;
    }

    /// <param name="readAt">The <see cref="Generation"/> taken before <paramref name="value"/> was read.</param>
    public void Keep(object key, object value, long readAt)
    {
        if (_keep <= TimeSpan.Zero || readAt != Generation) return;
        _entries.Set(key, new Entry(value, readAt), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _keep, Size = 1 });
    }

    /// <summary>Everything kept so far is stale.</summary>
    public void ForgetAll() => Interlocked.Increment(ref _generation);

    private readonly Lock _counter = new();
    private long? _seen;

    /// <summary>The counter row as read now (null: it could not be read): everything is forgotten if someone moved it.</summary>
    public void Seen(long? value)
    {
        lock (_counter)
        {
            if (value is null || value != _seen) ForgetAll();
            _seen = value;
        }
    }

    /// <summary>This node moved the counter to <paramref name="value"/> (and has forgotten already): unless another node moved
    /// it too, the next look need not forget again.</summary>
    public void Counted(long value)
    {
        lock (_counter)
        {
            if (_seen == value - 1) _seen = value;
        }
    }

    /// <summary>The counter row every such save moves, for other nodes and processes to notice.</summary>
    public const string CounterKey = "sign-in";

    /// <summary>Moves the counter and gives its new value (the same statement on SQLite and PostgreSQL).</summary>
    public const string CountSql =
        $$"""INSERT INTO "NumberSequences" ("Key", "Next") VALUES ('{{CounterKey}}', 1) ON CONFLICT ("Key") DO UPDATE SET "Next" = "NumberSequences"."Next" + 1 RETURNING "Next" AS "Value" """;

    public void Dispose() => _entries.Dispose();
}

/// <summary>
/// Tells the <see cref="SignInCache"/> when a save changes what it keeps: before the save (so that a read racing it is
/// not kept) and again once the change is visible to others, after the save or, inside a transaction, at its commit;
/// and moves the counter row after the save (inside the caller's transaction, if there is one) for other nodes.
/// One interceptor serves every pooled context; what a save is in the middle of is kept per context (ADR 0019).
/// </summary>
public sealed class SignInChanges(SignInCache cache) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private sealed class LeaseState
    {
        // The counter still has to move (after this save); what is kept must be forgotten again when a transaction commits.
        public bool ToCount;
        public bool ToForgetAtCommit;
    }

    private readonly ConditionalWeakTable<DbContext, LeaseState> _leases = new();

    /// <summary>Drops whatever an earlier lease of a pooled context left.</summary>
    public void Lease(DbContext db) => _leases.AddOrUpdate(db, new LeaseState());

    private LeaseState Of(DbContext db) => _leases.GetValue(db, _ => new LeaseState());

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Saving(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context!);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (!Of(eventData.Context!).ToCount) return result;
        cache.Counted((await eventData.Context!.Database.SqlQueryRaw<long>(SignInCache.CountSql).ToListAsync(ct)).Single());
        Saved(eventData.Context!);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (!Of(eventData.Context!).ToCount) return result;
        cache.Counted(eventData.Context!.Database.SqlQueryRaw<long>(SignInCache.CountSql).ToList().Single());
        Saved(eventData.Context!);
        return result;
    }

    // EF commits its own transaction inside SaveChanges, before SavedChanges: the counter is still to move then.
    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    private void Saving(DbContext db)
    {
        if (!db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Matters(e)))
            return;
        var lease = Of(db);
        lease.ToCount = lease.ToForgetAtCommit = true;
        cache.ForgetAll();
    }

    private void Saved(DbContext db)
    {
        var lease = Of(db);
        lease.ToCount = false;
        cache.ForgetAll();
        if (db.Database.CurrentTransaction is null) lease.ToForgetAtCommit = false;
    }

    private void Committed(DbContext? db)
    {
        // A transaction begun on a connection outside any context: no save of Daftar's can be waiting for it.
        if (db is null) return;
        var lease = Of(db);
        if (!lease.ToForgetAtCommit) return;
        cache.ForgetAll();
        if (!lease.ToCount) lease.ToForgetAtCommit = false;
    }

    private static bool Matters(EntityEntry e) => e.Entity switch
    {
        // A sign-in's failed-attempt count and the like change often and are not kept.
        Account => e.State != EntityState.Modified || e.Properties.Any(p => p.IsModified && p.Metadata.Name is nameof(Account.UserName) or nameof(Account.EmployeeId) or nameof(Account.LockoutEnd)),
        IdentityUserRole<int> or IdentityRole<int> or ApiToken or Employee or PostAssignment or Post or Designation or Office => true,
        // A session ended; one begun is in no one's cache yet (and sign-ins are many in the morning).
        SignInSession => e.State != EntityState.Added,
        _ => false,
    };
}

/// <summary>Looks at the "sign-in" counter row every second and forgets what is kept when another node or process moved it.</summary>
public sealed class SignInCacheRefresh(IServiceScopeFactory scopes, SignInCache cache, ILogger<SignInCacheRefresh> logger) : BackgroundService
{
    // The first look is taken before the server answers anyone, so nothing can be kept from before it.
    public override async Task StartAsync(CancellationToken ct)
    {
        await LookAsync(ct);
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken)) await LookAsync(stoppingToken);
    }

    private async Task LookAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Daftar.Data.DaftarDb>();
            cache.Seen(await db.NumberSequences.AsNoTracking().Where(n => n.Key == SignInCache.CounterKey).Select(n => (long?)n.Next).SingleOrDefaultAsync(ct) ?? 0);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Until the database answers again, nothing more is kept: every request reads afresh.
            cache.Seen(null);
            logger.LogWarning(ex, "Reading the sign-in counter failed; retrying in a second");
        }
    }
}
