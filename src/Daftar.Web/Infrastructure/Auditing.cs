using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using Daftar.Accounts;
using Daftar.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Daftar.Web.Infrastructure;

/// <summary>Who is acting in this request, for the audit trail; handlers that act for a particular post say which.</summary>
public sealed class AuditActor(IHttpContextAccessor http)
{
    public int? ActingPostId { get; set; }

    public int? EmployeeId =>
        int.TryParse(http.HttpContext?.User.FindFirstValue(DaftarClaims.EmployeeId), CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>
/// Writes an audit event for every change to Daftar's records inside the transaction that makes the change. When every
/// event's object is known before the save (a file's new note or movement, any change to an existing row), the events
/// go in the save's own batch: a file send is then one batch and its commit. Keys of new rows that are their own trail
/// (a new file, a new receipt) are only known after the insert; those events are added after EF has saved, before the
/// transaction commits (the interceptor opens the transaction itself when the caller has none).
/// One interceptor serves every pooled context (ADR 0019): who acts and what a save is in the middle of are kept per
/// context, bound to the request when the context is leased (<see cref="Lease"/>).
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    // Never copied into the audit trail: secrets and values that change on their own.
    private static readonly HashSet<string> Hidden =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "NormalizedUserName", "NormalizedEmail", "SearchKey", "Version", "Html", "LastUsedAt", "SearchText", "ProtectedKey", "Certificate", "Crl", "Cms", "GuestLinkHash"];

    // What officers wrote (a note, the minutes of a meeting): a confidential file's notes must not be copied into a second
    // place that other administrators read. The trail keeps the SHA-256 of the text instead, so it still shows that,
    // when and by whom the text changed, and a copy of the text can be proved to be the one recorded (ADR 0007).
    private static readonly HashSet<string> Digested = ["Text", "Body"];

    private sealed record Pending(EntityEntry Entry, EntityState State, string Changes);

    /// <summary>One context's lease: its actor, and the save in progress.</summary>
    private sealed class LeaseState
    {
        public AuditActor? Actor;
        public List<Pending>? Pending;
        public List<AuditEvent>? InBatch;
        public IDbContextTransaction? OwnTransaction;
        public bool WritingEvents;
    }

    private readonly ConditionalWeakTable<DbContext, LeaseState> _leases = new();

    /// <summary>
    /// Binds a context just taken from the pool to the request's actor and drops whatever an earlier lease left. A context
    /// never leased (none is, outside the request's services) records events without an actor.
    /// </summary>
    public void Lease(DbContext db, AuditActor actor)
    {
        var lease = new LeaseState { Actor = actor };
        _leases.AddOrUpdate(db, lease);
    }

    private LeaseState Of(DbContext db) => _leases.GetValue(db, _ => new LeaseState());

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        var db = eventData.Context!;
        var lease = Of(db);
        if (lease.WritingEvents) return result;
        var pending = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Entity))
            .Select(e => new Pending(e, e.State, Describe(e, e.State)))
            .Where(p => p.State != EntityState.Modified || p.Changes.Length > 0)
            .ToList();
        if (pending.Count == 0) return result;
        if (pending.All(p => Known(p.Entry)))
        {
            lease.InBatch = Events(lease, pending);
            db.AddRange(lease.InBatch);
            return result;
        }
        lease.Pending = pending;
        if (db.Database.CurrentTransaction is null)
        {
            lease.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
            // The transaction is ours alone and a failure rolls all of it back, so EF's savepoints would only cost
            // four round trips per save.
            db.Database.AutoSavepointsEnabled = false;
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        var db = eventData.Context!;
        var lease = Of(db);
        lease.InBatch = null;
        if (lease.WritingEvents || lease.Pending is not { Count: > 0 } pending) return result;
        lease.Pending = null;
        // New rows' keys, and their references to other new rows, are real only now.
        db.AddRange(Events(lease, pending.Select(p => p.State == EntityState.Added ? p with { Changes = Describe(p.Entry, p.State) } : p).ToList()));
        lease.WritingEvents = true;
        try
        {
            await db.SaveChangesAsync(ct);
            if (lease.OwnTransaction is not null) await lease.OwnTransaction.CommitAsync(ct);
        }
        finally
        {
            lease.WritingEvents = false;
            await DisposeTransactionAsync(db, lease);
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (Of(eventData.Context!).WritingEvents) return;
        await ForgetAsync(eventData.Context!);
    }

    // EF reports a lost optimistic-concurrency check here, not as a failed save.
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken ct = default)
    {
        if (!Of(eventData.Context!).WritingEvents) await ForgetAsync(eventData.Context!);
        return result;
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default)
    {
        if (Of(eventData.Context!).WritingEvents) return;
        await ForgetAsync(eventData.Context!);
    }

    // A save that failed wrote nothing: its events must not ride along with the next save of the same context.
    private async Task ForgetAsync(DbContext db)
    {
        var lease = Of(db);
        foreach (var e in lease.InBatch ?? []) db.Entry(e).State = EntityState.Detached;
        lease.InBatch = null;
        lease.Pending = null;
        if (lease.OwnTransaction is not null) await lease.OwnTransaction.RollbackAsync(CancellationToken.None);
        await DisposeTransactionAsync(db, lease);
    }

    private List<AuditEvent> Events(LeaseState lease, List<Pending> pending)
    {
        var now = clock.GetUtcNow();
        return pending.Select(p =>
        {
            var (type, id) = ObjectOf(p.Entry);
            return new AuditEvent(now, lease.Actor?.EmployeeId, lease.Actor?.ActingPostId, $"{p.Entry.Metadata.ClrType.Name}.{p.State}", type, id!, p.Changes);
        }).ToList();
    }

    private static async Task DisposeTransactionAsync(DbContext db, LeaseState lease)
    {
        if (lease.OwnTransaction is null) return;
        await lease.OwnTransaction.DisposeAsync();
        lease.OwnTransaction = null;
        db.Database.AutoSavepointsEnabled = true;
    }

    // Which entities are audited, and under which trail, each declares with [Audited] (Core); read once per type.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, AuditedAttribute?> Declared = new();

    private static AuditedAttribute? DeclarationOf(object entity) =>
        Declared.GetOrAdd(entity.GetType(), t => (AuditedAttribute?)Attribute.GetCustomAttribute(t, typeof(AuditedAttribute), inherit: false));

    private static bool IsAudited(object entity) => DeclarationOf(entity) is not null;

    /// <summary>The trail a change belongs to, as its entity declares it (a note to its file's, a meeting's parts to the
    /// meeting's), or its own. The id is null while it is a key the database has not given yet.</summary>
    private static (string Type, string? Id) ObjectOf(EntityEntry e) => DeclarationOf(e.Entity) switch
    {
        { Trail: { } trail, IdProperty: { } id } => (trail, Value(e, id)),
        _ => (e.Metadata.ClrType.Name.ToLowerInvariant(), e.Metadata.FindPrimaryKey()!.Properties.Any(p => e.Property(p.Name).IsTemporary)
            ? null : string.Join("-", e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue))),
    };

    private static string? Value(EntityEntry e, string property)
    {
        var p = e.Property(property);
        return p.IsTemporary ? null : Convert.ToString(p.CurrentValue, CultureInfo.InvariantCulture);
    }

    /// <summary>Everything the event says is known before the save: its object, and no reference to a row not yet inserted.</summary>
    private static bool Known(EntityEntry e) =>
        ObjectOf(e).Id is not null && !e.Properties.Any(p => p.IsTemporary && !(p.Metadata.IsPrimaryKey() && e.State == EntityState.Added));

    private static string Describe(EntityEntry e, EntityState state)
    {
        var sb = new StringBuilder();
        foreach (var p in e.Properties)
        {
            if (Hidden.Contains(p.Metadata.Name) || p.Metadata.IsPrimaryKey() && state == EntityState.Added) continue;
            if (state == EntityState.Modified && !p.IsModified) continue;
            if (state == EntityState.Modified && Equals(p.OriginalValue, p.CurrentValue)) continue;
            if (sb.Length > 0) sb.Append("; ");
            sb.Append(p.Metadata.Name).Append(": ");
            var digest = Digested.Contains(p.Metadata.Name);
            if (state == EntityState.Modified) sb.Append(digest ? Digest(p.OriginalValue) : Short(p.OriginalValue)).Append(" → ");
            var value = state == EntityState.Deleted ? p.OriginalValue : p.CurrentValue;
            sb.Append(digest ? Digest(value) : Short(value));
        }
        return sb.Length > 4000 ? sb.ToString(0, 3999) + "…" : sb.ToString();
    }

    /// <summary>The text's SHA-256 over its UTF-8 bytes: <c>sha256sum</c> of the text as saved gives the same.</summary>
    public static string Digest(object? value) => value is string text
        ? "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))
        : Short(value);

    private static string Short(object? value)
    {
        var text = value switch
        {
            null => "∅",
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
