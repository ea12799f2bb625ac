using Daftar.Assets;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Assets;

/// <summary>The store starts a physical verification of its office's assets; an open round before it is closed.</summary>
public sealed class StartVerification(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int officeId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        if (!viewer.MayKeep(officeId) || !await db.Offices.AnyAsync(o => o.Id == officeId, ct)) return Error.NotFound("Office");
        var now = clock.GetUtcNow();
        foreach (var open in await db.VerificationRounds.Where(r => r.OfficeId == officeId && r.ClosedAt == null).ToListAsync(ct)) open.Close(now);
        var round = new VerificationRound(officeId, viewer.EmployeeId, now);
        db.VerificationRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return round.Id;
    }
}

/// <summary>Closes the office's open verification round; what was not marked stays unverified in it.</summary>
public sealed class CloseVerification(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int officeId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        if (!viewer.MayKeep(officeId)) return Error.NotFound("Office");
        var open = await db.VerificationRounds.Where(r => r.OfficeId == officeId && r.ClosedAt == null).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (open is null) return AssetsErrors.NoRound;
        open.Close(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return open.Id;
    }
}

public sealed record VerifyAssetCommand(bool Seen);

/// <summary>The officer on the round marks an asset of the office seen or missing.</summary>
public sealed class VerifyAsset(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, VerifyAssetCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null || !viewer.MayKeep(asset.OfficeId)) return Error.NotFound("Asset");
        var round = await db.VerificationRounds.Where(r => r.OfficeId == asset.OfficeId && r.ClosedAt == null).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (round is null) return AssetsErrors.NoRound;
        if (asset.Verify(round.Id, cmd.Seen, viewer.EmployeeId, clock.GetUtcNow()) is { } refused) return AssetsErrors.From(refused);
        return await AssetSaving.SaveAsync(db, asset.Id, ct);
    }
}

public sealed record VerificationView(int RoundId, DateTimeOffset StartedAt, DateTimeOffset? ClosedAt, int Seen, int Missing, int Unverified,
    IReadOnlyList<AssetRow> MissingAssets, IReadOnlyList<AssetRow> UnverifiedAssets);

/// <summary>The office's latest verification round: seen, missing, and not yet verified (disposed assets are left out).</summary>
public sealed class VerificationQueries(DaftarDb db, AssetsAccess access, AssetQueries assets)
{
    public async Task<Result<VerificationView?>> LatestAsync(int officeId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        if (!viewer.MayKeep(officeId)) return Error.NotFound("Office");
        var round = await db.VerificationRounds.AsNoTracking().Where(r => r.OfficeId == officeId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (round is null) return Result<VerificationView?>.Ok(null);
        var inOffice = db.Assets.AsNoTracking().Where(a => a.OfficeId == officeId && a.Status != AssetStatus.Disposed);
        var counts = await inOffice.GroupBy(a => a.VerifiedInRoundId == round.Id ? (a.SeenInRound == true ? 1 : 2) : 3)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(int key) => counts.Where(c => c.Key == key).Sum(c => c.Count);
        var missing = await assets.RowsAsync(inOffice.Where(a => a.VerifiedInRoundId == round.Id && a.SeenInRound == false).OrderBy(a => a.Tag).Take(100), ct);
        var unverified = await assets.RowsAsync(inOffice.Where(a => a.VerifiedInRoundId != round.Id || a.VerifiedInRoundId == null).OrderBy(a => a.Tag).Take(100), ct);
        return new VerificationView(round.Id, round.StartedAt, round.ClosedAt, Count(1), Count(2), Count(3), missing, unverified);
    }
}
