using System.Globalization;
using System.Security.Claims;
using System.Text;
using Daftar.Accounts;
using Daftar.Audit;
using Daftar.Files;
using Daftar.People;
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
/// Writes an audit event for every change to Daftar's records inside the transaction that makes the change. Keys of
/// new rows are only known after the insert, so the events are added after EF has saved, before the transaction
/// commits (the interceptor opens the transaction itself when the caller has none).
/// </summary>
public sealed class AuditInterceptor(AuditActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    // Never copied into the audit trail: secrets and values that change on their own.
    private static readonly HashSet<string> Hidden =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "NormalizedUserName", "NormalizedEmail", "SearchKey", "Version", "Html", "LastUsedAt", "SearchText", "ProtectedKey", "Certificate", "Crl", "Cms", "GuestLinkHash"];

    private sealed record Pending(EntityEntry Entry, EntityState State, string Changes);

    private List<Pending>? _pending;
    private IDbContextTransaction? _ownTransaction;
    private DbContext? _ownDb;
    private bool _writingEvents;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        var db = eventData.Context!;
        if (_writingEvents) return result;
        _pending = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Entity))
            .Select(e => new Pending(e, e.State, Describe(e)))
            .Where(p => p.State != EntityState.Modified || p.Changes.Length > 0)
            .ToList();
        if (_pending.Count > 0 && db.Database.CurrentTransaction is null)
        {
            _ownTransaction = await db.Database.BeginTransactionAsync(ct);
            // The transaction is ours alone and a failure rolls all of it back, so EF's savepoints would only cost
            // four round trips per save.
            db.Database.AutoSavepointsEnabled = false;
            _ownDb = db;
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        var db = eventData.Context!;
        if (_writingEvents || _pending is not { Count: > 0 } pending) return result;
        _pending = null;
        var now = clock.GetUtcNow();
        foreach (var p in pending)
        {
            var (type, id) = ObjectOf(p.Entry);
            db.Add(new AuditEvent(now, actor.EmployeeId, actor.ActingPostId, $"{p.Entry.Metadata.ClrType.Name}.{p.State}", type, id, p.Changes));
        }
        _writingEvents = true;
        try
        {
            await db.SaveChangesAsync(ct);
            if (_ownTransaction is not null) await _ownTransaction.CommitAsync(ct);
        }
        finally
        {
            _writingEvents = false;
            await DisposeTransactionAsync();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (_writingEvents) return;
        _pending = null;
        if (_ownTransaction is not null) await _ownTransaction.RollbackAsync(ct);
        await DisposeTransactionAsync();
    }

    private async Task DisposeTransactionAsync()
    {
        if (_ownTransaction is null) return;
        await _ownTransaction.DisposeAsync();
        _ownTransaction = null;
        if (_ownDb is not null) _ownDb.Database.AutoSavepointsEnabled = true;
        _ownDb = null;
    }

    private static bool IsAudited(object entity) => entity is Department or Office or Section or Designation or Post or Employee or PostAssignment
        or Account or ApiToken or EFile or Note or Movement or FileHead or Receipt or ReceiptDocument or ReceiptMovement or Correspondence or FileLink or SharedWith
        or Daftar.Signing.Authority or Daftar.Signing.SigningCredential or Daftar.Signing.NoteSignature
        or Daftar.Meetings.Meeting or Daftar.Meetings.MeetingOccurrence or Daftar.Meetings.Invitee or Daftar.Meetings.ParticipantRule or Daftar.Meetings.AgendaItem
        or Daftar.Meetings.JoinGrant or Daftar.Meetings.MeetingMinutes or Daftar.Meetings.ActionItem or Daftar.Meetings.ActionUpdate;

    /// <summary>Notes and movements belong to their file's trail; everything else to itself.</summary>
    private static (string Type, string Id) ObjectOf(EntityEntry e) => e.Entity switch
    {
        EFile f => ("file", f.Id.ToString(CultureInfo.InvariantCulture)),
        Note n => ("file", n.FileId.ToString(CultureInfo.InvariantCulture)),
        Movement m => ("file", m.FileId.ToString(CultureInfo.InvariantCulture)),
        Correspondence c => ("file", c.FileId.ToString(CultureInfo.InvariantCulture)),
        FileLink k => ("file", k.FileId.ToString(CultureInfo.InvariantCulture)),
        SharedWith s => ("file", s.FileId.ToString(CultureInfo.InvariantCulture)),
        Daftar.Signing.NoteSignature s => ("note", s.NoteId.ToString(CultureInfo.InvariantCulture)),
        Daftar.Signing.SigningCredential c => ("signing-credential", c.Id.ToString(CultureInfo.InvariantCulture)),
        Daftar.Signing.Authority a => ("authority", a.Code),
        Receipt r => ("receipt", r.Id.ToString(CultureInfo.InvariantCulture)),
        // A meeting's parts belong to its trail; an action item and its updates to the item's.
        Daftar.Meetings.Meeting m => ("meeting", m.Id.ToString(CultureInfo.InvariantCulture)),
        Daftar.Meetings.MeetingOccurrence o => ("meeting", o.MeetingId.ToString(CultureInfo.InvariantCulture)),
        Daftar.Meetings.Invitee i => ("meeting", i.MeetingId.ToString(CultureInfo.InvariantCulture)),
        Daftar.Meetings.ParticipantRule r => ("meeting", r.MeetingId.ToString(CultureInfo.InvariantCulture)),
        Daftar.Meetings.AgendaItem a => ("meeting", a.MeetingId.ToString(CultureInfo.InvariantCulture)),
        Daftar.Meetings.ActionUpdate u => ("action-item", u.ActionItemId.ToString(CultureInfo.InvariantCulture)),
        ReceiptDocument d => ("receipt", d.ReceiptId.ToString(CultureInfo.InvariantCulture)),
        ReceiptMovement m => ("receipt", m.ReceiptId.ToString(CultureInfo.InvariantCulture)),
        _ => (e.Metadata.ClrType.Name.ToLowerInvariant(), string.Join("-", e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue))),
    };

    private static string Describe(EntityEntry e)
    {
        var sb = new StringBuilder();
        foreach (var p in e.Properties)
        {
            if (Hidden.Contains(p.Metadata.Name) || p.Metadata.IsPrimaryKey() && e.State == EntityState.Added) continue;
            if (e.State == EntityState.Modified && !p.IsModified) continue;
            if (e.State == EntityState.Modified && Equals(p.OriginalValue, p.CurrentValue)) continue;
            if (sb.Length > 0) sb.Append("; ");
            sb.Append(p.Metadata.Name).Append(": ");
            if (e.State == EntityState.Modified) sb.Append(Short(p.OriginalValue)).Append(" → ");
            sb.Append(Short(e.State == EntityState.Deleted ? p.OriginalValue : p.CurrentValue));
        }
        return sb.Length > 4000 ? sb.ToString(0, 3999) + "…" : sb.ToString();
    }

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
