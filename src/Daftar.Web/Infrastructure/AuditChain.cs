using System.Globalization;
using Daftar.Audit;
using Daftar.Data;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Seals committed audit events into one hash chain, in batches, in commit order, as a certificate-transparency log
/// does: business transactions only insert, and never wait on a global chain head. One sealer at a time (the
/// "audit-seal" counter row is taken first, so several nodes cannot interleave). An event stays unsealed for at most
/// one interval (Audit:SealIntervalSeconds, default 2 s) plus the time to seal a batch.
/// </summary>
public sealed class AuditChain(DaftarDb db, RunningNumbers numbers, TimeProvider clock)
{
    public const int BatchSize = 5000;

    /// <summary>Seals what has committed so far; returns how many events were sealed.</summary>
    public async Task<int> SealAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await numbers.NextAsync("audit-seal", ct);
        var head = await db.AuditEvents.Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        var batch = await db.AuditEvents.Where(e => e.Sequence == null).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (batch.Count == 0) return 0;
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditEvent.Genesis;
        var now = clock.GetUtcNow();
        foreach (var e in batch)
        {
            e.Seal(++sequence, previous, now);
            previous = e.Hash!;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }

    public sealed record Report(long Sealed, long Unsealed, TimeSpan? OldestUnsealed, IReadOnlyList<string> Problems)
    {
        public bool Intact => Problems.Count == 0;
    }

    /// <summary>Recomputes the whole chain: an edited event changes its hash, an inserted or deleted one breaks the sequence.</summary>
    public async Task<Report> VerifyAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        long expected = 1;
        var previous = AuditEvent.Genesis;
        long count = 0;
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.Sequence != expected)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"sequence {expected}: missing (next present is {e.Sequence}) — an event was deleted or renumbered"));
                expected = e.Sequence!.Value;
            }
            if (e.PreviousHash != previous)
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"sequence {e.Sequence} (event {e.Id}): does not follow the previous event — inserted, removed or reordered"));
            if (e.ComputeHash(e.PreviousHash ?? "", e.Sequence!.Value) != e.Hash)
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"sequence {e.Sequence} (event {e.Id}): contents do not match its hash — the event was changed"));
            previous = e.Hash ?? "";
            expected++;
            if (problems.Count > 100) break;
        }
        var unsealed = await db.AuditEvents.CountAsync(e => e.Sequence == null, ct);
        var oldest = await db.AuditEvents.Where(e => e.Sequence == null).OrderBy(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(ct);
        return new Report(count, unsealed, oldest is null ? null : clock.GetUtcNow() - oldest.Value, problems);
    }
}

/// <summary>Runs the sealer every few seconds in the background.</summary>
public sealed class AuditSealerService(IServiceScopeFactory scopes, IConfiguration config, ILogger<AuditSealerService> logger) : PeriodicWork(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(config.GetValue("Audit:SealIntervalSeconds", 2.0));

    // A failed round leaves the events safe (and unsealed) until the next.
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        while (await services.GetRequiredService<AuditChain>().SealAsync(ct) == AuditChain.BatchSize) { }
    }
}
