using System.Collections.Concurrent;
using System.Diagnostics;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Draft rosters for every office (of a department, or the state) for one period.</summary>
public sealed record RosterRunCommand(DateOnly? From, DateOnly? To, int? DepartmentId);

/// <summary>An office the run left without a draft, and why (no order in force, nobody posted…).</summary>
public sealed record RosterRunSkip(int OfficeId, string OfficeCode, string Code, string Message);

/// <summary>
/// Where a run stands: offices done of all, drafts made, offices skipped with the reason (the first 200 listed), and how long
/// it has taken. <paramref name="Finished"/> once every office is done; <paramref name="Failure"/> if it stopped on an error.
/// </summary>
public sealed record RosterRunView(Guid Id, DateOnly From, DateOnly To, int Offices, int Done, int Made, int Skipped, IReadOnlyList<RosterRunSkip> Skips,
    bool Finished, string? Failure, double Seconds)
{
    public int Percent => Offices == 0 ? 100 : Done * 100 / Offices;
}

/// <summary>
/// Runs roster making for many offices in the background (issue #32: every office of the state), a batch of offices per
/// database scope so that the change tracker stays small; progress is read by polling. Runs live in this node's memory
/// for a day; each office's draft is saved on its own, so a lost run loses no draft already made and can be run again
/// (a new draft replaces the old draft of the same period, never a published roster).
/// </summary>
public sealed class RosterRuns(IServiceScopeFactory scopes, ILogger<RosterRuns> logger)
{
    private const int Batch = 50;
    private readonly ConcurrentDictionary<Guid, Run> _runs = new();

    private sealed class Run(Guid id, int accountId, DateOnly from, DateOnly to, IReadOnlyList<(int Id, string Code)> offices)
    {
        public readonly Guid Id = id;
        public readonly int AccountId = accountId;
        public readonly DateOnly From = from, To = to;
        public readonly IReadOnlyList<(int Id, string Code)> Offices = offices;
        public readonly Stopwatch Watch = Stopwatch.StartNew();
        public readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;
        public readonly ConcurrentQueue<RosterRunSkip> Skips = new();
        public int Done, Made, Skipped;
        public volatile bool Finished;
        public volatile string? Failure;

        public RosterRunView View() => new(Id, From, To, Offices.Count, Volatile.Read(ref Done), Volatile.Read(ref Made), Volatile.Read(ref Skipped),
            Skips.Take(200).ToList(), Finished, Failure, Math.Round(Watch.Elapsed.TotalSeconds, 1));
    }

    public RosterRunView Start(int accountId, int byPostId, DateOnly from, DateOnly to, IReadOnlyList<(int Id, string Code)> offices)
    {
        foreach (var old in _runs.Values.Where(r => r.StartedAt < DateTimeOffset.UtcNow.AddDays(-1))) _runs.TryRemove(old.Id, out _);
        var run = new Run(Guid.NewGuid(), accountId, from, to, offices);
        _runs[run.Id] = run;
        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in run.Offices.Chunk(Batch))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var maker = scope.ServiceProvider.GetRequiredService<GenerateRoster>();
                    var db = scope.ServiceProvider.GetRequiredService<DaftarDb>();
                    foreach (var office in batch)
                    {
                        var made = await maker.DraftAsync(office.Id, from, to, byPostId, CancellationToken.None);
                        if (made.Succeeded) Interlocked.Increment(ref run.Made);
                        else
                        {
                            Interlocked.Increment(ref run.Skipped);
                            if (run.Skips.Count < 200) run.Skips.Enqueue(new RosterRunSkip(office.Id, office.Code, made.Errors[0].Code, made.Errors[0].Message));
                        }
                        db.ChangeTracker.Clear();
                        Interlocked.Increment(ref run.Done);
                    }
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Roster run {RunId} stopped", run.Id);
                run.Failure = "The run stopped on an unexpected error; the drafts made so far are kept. Start it again to finish.";
            }
            finally
            {
                run.Watch.Stop();
                run.Finished = true;
            }
        });
        return run.View();
    }

    /// <summary>A run is visible only to the account that started it.</summary>
    public RosterRunView? Find(Guid id, int accountId) => _runs.TryGetValue(id, out var run) && run.AccountId == accountId ? run.View() : null;
}

/// <summary>An administrator starts draft rosters for every office of a department, or of the state, for one period.</summary>
public sealed class StartRosterRun(DaftarDb db, WorkFromHomeAccess access, RosterRuns runs, TimeProvider clock)
{
    public async Task<Result<RosterRunView>> HandleAsync(RosterRunCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!viewer.IsAdministrator) return WorkFromHomeErrors.AdministratorsOnly;
        var period = GenerateRoster.Period(cmd.From, cmd.To, clock.Today());
        if (!period.Succeeded) return Result<RosterRunView>.Fail(period.Errors);
        if (cmd.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct)) return Error.Unknown("departmentId", "Department");
        var offices = await db.Offices.AsNoTracking().Where(o => cmd.DepartmentId == null || o.DepartmentId == cmd.DepartmentId)
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.Code }).ToListAsync(ct);
        return runs.Start(viewer.AccountId, viewer.PostId, period.Value.From, period.Value.To, offices.Select(o => (o.Id, o.Code)).ToList());
    }

    public async Task<Result<RosterRunView>> GetAsync(Guid id, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        return runs.Find(id, viewer.AccountId) is { } run ? run : Error.NotFound("Roster run");
    }
}
