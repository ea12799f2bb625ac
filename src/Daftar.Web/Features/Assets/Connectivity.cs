using Daftar.Assets;
using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Assets;

public sealed record HomeConnectionCommand(ConnectionType Type, string? Provider, int? PlanMbps);

/// <summary>An employee records the connection they work on from home.</summary>
public sealed class DescribeConnection(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(HomeConnectionCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } me) return AssetsErrors.NotEmployee;
        var v = new Validation();
        if (!Enum.IsDefined(cmd.Type)) v.Add(Error.NotInList("type"));
        var provider = v.Optional(cmd.Provider, "provider", "Provider", 100);
        if (cmd.PlanMbps is < 0 or > 10_000) v.Add(AssetsErrors.PlanSpeed);
        if (cmd.Type == ConnectionType.None && (cmd.PlanMbps is not null || provider is not null)) v.Add(AssetsErrors.PlanNeedsType);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var connection = await db.HomeConnections.SingleOrDefaultAsync(c => c.EmployeeId == me, ct);
        if (connection is null) db.HomeConnections.Add(connection = new HomeConnection(me, clock.GetUtcNow()));
        connection.Describe(cmd.Type, provider, cmd.PlanMbps, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return connection.Id;
    }
}

public sealed record ConnectionCheckCommand(double DownloadMbps, double UploadMbps, double LatencyMs, double JitterMs, int Samples);
public sealed record ConnectionCheckView(long Id, double DownloadMbps, double UploadMbps, double LatencyMs, double JitterMs, int Samples, LinkQuality Quality, DateTimeOffset At);

/// <summary>
/// Stores what the connection check page measured in the browser (download and upload of a few MB against Daftar, round trips
/// over several samples) and says what the link is good for (<see cref="LinkThresholds"/>). The figures come from the
/// employee's own browser, so they are checked for plausibility only; the check's purpose is to tell the employee and their
/// officer, not to pay anyone.
/// </summary>
public sealed class RecordConnectionCheck(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<ConnectionCheckView>> HandleAsync(ConnectionCheckCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } me) return AssetsErrors.NotEmployee;
        static bool Sane(double x, double max) => double.IsFinite(x) && x >= 0 && x <= max;
        if (!Sane(cmd.DownloadMbps, 100_000) || !Sane(cmd.UploadMbps, 100_000) || !Sane(cmd.LatencyMs, 60_000) || !Sane(cmd.JitterMs, 60_000)
            || cmd.Samples is < 1 or > 100)
            return AssetsErrors.ImplausibleMeasurement;
        var check = new ConnectionCheck(me, cmd.DownloadMbps, cmd.UploadMbps, cmd.LatencyMs, cmd.JitterMs, cmd.Samples, clock.GetUtcNow());
        db.ConnectionChecks.Add(check);
        await db.SaveChangesAsync(ct);
        return ConnectionQueries.View(check);
    }
}

public sealed record ConnectionRow(int EmployeeId, string Code, string NameEn, string NameHi, string PostCode, ConnectionType? Type, string? Provider, int? PlanMbps,
    ConnectionCheckView? LastCheck, bool Passing);
public sealed record MyConnectionView(ConnectionType? Type, string? Provider, int? PlanMbps, IReadOnlyList<ConnectionCheckView> Checks, bool Passing);

/// <summary>An employee's connection and checks; an officer's view of the posts below them.</summary>
public sealed class ConnectionQueries(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    /// <summary>A check counts for readiness for this long.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromDays(30);

    public static ConnectionCheckView View(ConnectionCheck c) => new(c.Id, c.DownloadMbps, c.UploadMbps, c.LatencyMs, c.JitterMs, c.Samples, c.Quality, c.At);

    public static bool Passes(ConnectionCheckView? last, DateTimeOffset now) => last is { Quality: LinkQuality.Good or LinkQuality.FilesOnly } && now - last.At <= Fresh;

    public async Task<Result<MyConnectionView>> MineAsync(CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } me) return AssetsErrors.NotEmployee;
        var connection = await db.HomeConnections.AsNoTracking().SingleOrDefaultAsync(c => c.EmployeeId == me, ct);
        var checks = (await db.ConnectionChecks.AsNoTracking().Where(c => c.EmployeeId == me).OrderByDescending(c => c.Id).Take(10).ToListAsync(ct)).Select(View).ToList();
        return new MyConnectionView(connection?.Type, connection?.Provider, connection?.PlanMbps, checks, Passes(checks.FirstOrDefault(), clock.GetUtcNow()));
    }

    /// <summary>The people on the posts below the viewer, with their connection and last check.</summary>
    public async Task<Result<IReadOnlyList<ConnectionRow>>> BelowAsync(CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        var today = clock.Today();
        var people = await db.PostAssignments.AsNoTracking().PrimaryOn(today).Where(a => below.Contains(a.PostId))
            .Select(a => new { a.EmployeeId, a.Employee.Code, a.Employee.NameEn, a.Employee.NameHi, PostCode = a.Post.Code }).OrderBy(a => a.PostCode).Take(500).ToListAsync(ct);
        var ids = people.Select(p => p.EmployeeId).Distinct().ToList();
        var connections = await db.HomeConnections.AsNoTracking().Where(c => ids.Contains(c.EmployeeId)).ToDictionaryAsync(c => c.EmployeeId, ct);
        var last = await LastChecksAsync(db, ids, ct);
        var now = clock.GetUtcNow();
        return people.Select(p =>
        {
            var c = connections.GetValueOrDefault(p.EmployeeId);
            var check = last.GetValueOrDefault(p.EmployeeId);
            return new ConnectionRow(p.EmployeeId, p.Code, p.NameEn, p.NameHi, p.PostCode, c?.Type, c?.Provider, c?.PlanMbps, check, Passes(check, now));
        }).ToList();
    }

    /// <summary>Each employee's latest check (one grouped read for the ids, one for the rows).</summary>
    public static async Task<Dictionary<int, ConnectionCheckView>> LastChecksAsync(DaftarDb db, IReadOnlyCollection<int> employeeIds, CancellationToken ct)
    {
        var lastIds = await db.ConnectionChecks.AsNoTracking().Where(c => employeeIds.Contains(c.EmployeeId)).GroupBy(c => c.EmployeeId)
            .Select(g => g.Max(c => c.Id)).ToListAsync(ct);
        return (await db.ConnectionChecks.AsNoTracking().Where(c => lastIds.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.EmployeeId, View);
    }
}

/// <summary>"Has a device": holds an issued laptop, desktop or tablet (readiness column, DESIGN 2.7).</summary>
public sealed class DeviceReadiness(DaftarDb db) : WorkFromHome.IReadinessFact
{
    public string Key => "device";
    public string Title => "Has a device";

    public async Task<IReadOnlyDictionary<int, bool>> ForAsync(IReadOnlyCollection<int> employeeIds, CancellationToken ct)
    {
        var with = await db.Assets.AsNoTracking().Where(a => a.Status == AssetStatus.Issued && a.HolderEmployeeId != null && employeeIds.Contains(a.HolderEmployeeId.Value)
                && (a.Kind == AssetKind.Laptop || a.Kind == AssetKind.Desktop || a.Kind == AssetKind.Tablet))
            .Select(a => a.HolderEmployeeId!.Value).Distinct().ToListAsync(ct);
        return employeeIds.ToDictionary(e => e, with.Contains);
    }
}

/// <summary>"Has a working connection": the last connection check passed, within 30 days.</summary>
public sealed class ConnectionReadiness(DaftarDb db, TimeProvider clock) : WorkFromHome.IReadinessFact
{
    public string Key => "connection";
    public string Title => "Working connection";

    public async Task<IReadOnlyDictionary<int, bool>> ForAsync(IReadOnlyCollection<int> employeeIds, CancellationToken ct)
    {
        var last = await ConnectionQueries.LastChecksAsync(db, employeeIds, ct);
        var now = clock.GetUtcNow();
        return employeeIds.ToDictionary(e => e, e => ConnectionQueries.Passes(last.GetValueOrDefault(e), now));
    }
}
