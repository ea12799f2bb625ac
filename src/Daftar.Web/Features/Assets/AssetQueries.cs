using Daftar.Assets;
using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Assets;

public sealed record AssetRow(int Id, AssetKind Kind, string Make, string Model, string SerialNumber, string Tag, AssetStatus Status, int? HolderEmployeeId,
    string? HolderCode, string? HolderEn, string? HolderHi, DateOnly? WarrantyEnds, bool Acknowledged);
public sealed record StockCount(AssetKind Kind, int InStore, int Issued, int UnderRepair, int Lost, int Disposed);
public sealed record KeeperView(int PostId, string PostCode, string? HolderEn, string? HolderHi);
/// <summary>An office's store: counts by kind and status, what is past warranty, what people who left still hold, and the assets.</summary>
public sealed record StockView(int OfficeId, string OfficeCode, string OfficeEn, string OfficeHi, IReadOnlyList<StockCount> Counts, int PastWarranty,
    IReadOnlyList<AssetRow> HeldByLeavers, IReadOnlyList<AssetRow> Assets, int Total, IReadOnlyList<KeeperView> Keepers, bool CanKeep, bool CanNameKeepers);
public sealed record AssetEventView(AssetEventKind Kind, string? EmployeeCode, string? EmployeeEn, string? EmployeeHi, string? ByEn, string? ByHi, DateTimeOffset At,
    string? Note, bool Signed);
public sealed record AssetDetail(AssetRow Asset, int OfficeId, string OfficeEn, string OfficeHi, string? PurchaseOrder, DateOnly? PurchasedOn, decimal? Cost,
    IReadOnlyList<AssetEventView> History, bool CanKeep, bool IsHolder, bool SignsAcknowledgement);

/// <summary>Reading the inventory: an office's stock, one asset with its history, what a person holds.</summary>
public sealed class AssetQueries(DaftarDb db, AssetsAccess access, Signing.CredentialAccess credentials, TimeProvider clock)
{
    public const int PageSize = 100;

    public async Task<Result<StockView>> StockAsync(int? officeId, AssetKind? kind, AssetStatus? status, string? search, int page, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var id = officeId ?? viewer.KeepsOffices.DefaultIfEmpty(viewer.OfficeId).First();
        var office = await db.Offices.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Id, o.Code, o.NameEn, o.NameHi }).SingleOrDefaultAsync(ct);
        var headsIt = viewer.HeadsOffice && viewer.OfficeId == id;
        if (office is null || !(viewer.MayKeep(id) || headsIt)) return Error.NotFound("Office");
        var today = clock.Today();
        var counts = await db.Assets.AsNoTracking().Where(a => a.OfficeId == id).GroupBy(a => new { a.Kind, a.Status })
            .Select(g => new { g.Key.Kind, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var byKind = counts.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => new StockCount(g.Key,
            g.Where(c => c.Status == AssetStatus.InStore).Sum(c => c.Count), g.Where(c => c.Status == AssetStatus.Issued).Sum(c => c.Count),
            g.Where(c => c.Status == AssetStatus.UnderRepair).Sum(c => c.Count), g.Where(c => c.Status == AssetStatus.Lost).Sum(c => c.Count),
            g.Where(c => c.Status == AssetStatus.Disposed).Sum(c => c.Count))).ToList();
        var pastWarranty = await db.Assets.AsNoTracking().CountAsync(a => a.OfficeId == id && a.Status != AssetStatus.Disposed && a.WarrantyEnds < today, ct);
        // Issued to someone who no longer holds any post today, or who is no longer active.
        var leavers = await Rows(db.Assets.AsNoTracking().Where(a => a.OfficeId == id && a.Status == AssetStatus.Issued
                && !db.PostAssignments.Any(p => p.EmployeeId == a.HolderEmployeeId && p.From <= today && (p.To == null || p.To >= today)
                    && db.Employees.Any(e => e.Id == a.HolderEmployeeId && e.IsActive))))
            .Take(200).ToListAsync(ct);
        var query = db.Assets.AsNoTracking().Where(a => a.OfficeId == id);
        if (kind is { } k) query = query.Where(a => a.Kind == k);
        if (status is { } s) query = query.Where(a => a.Status == s);
        if (Text.Clean(search)?.ToUpperInvariant() is { } term) query = query.Where(a => a.Tag.Contains(term) || a.SerialNumber.Contains(term));
        var total = await query.CountAsync(ct);
        var assets = await Rows(query.OrderBy(a => a.Tag).Skip(Math.Max(0, page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new StockView(office.Id, office.Code, office.NameEn, office.NameHi, byKind, pastWarranty, leavers, assets, total, await KeepersAsync(id, ct),
            viewer.MayKeep(id), viewer.IsAdministrator || headsIt);
    }

    public async Task<IReadOnlyList<KeeperView>> KeepersAsync(int officeId, CancellationToken ct)
    {
        var today = clock.Today();
        return await db.AssetKeepers.AsNoTracking().Where(k => k.OfficeId == officeId)
            .Join(db.Posts, k => k.PostId, p => p.Id, (k, p) => new { p.Id, p.Code })
            .OrderBy(p => p.Code)
            .Select(p => new KeeperView(p.Id, p.Code,
                db.PostAssignments.Where(a => a.PostId == p.Id && a.Kind == ChargeKind.Primary && a.From <= today && (a.To == null || a.To >= today)).Select(a => a.Employee.NameEn).FirstOrDefault(),
                db.PostAssignments.Where(a => a.PostId == p.Id && a.Kind == ChargeKind.Primary && a.From <= today && (a.To == null || a.To >= today)).Select(a => a.Employee.NameHi).FirstOrDefault()))
            .ToListAsync(ct);
    }

    /// <summary>One asset with its history, for its office's keepers, its holder, the holder's controlling officers and administrators.</summary>
    public async Task<Result<AssetDetail>> GetAsync(int id, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var asset = await db.Assets.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Id, a.OfficeId, a.HolderEmployeeId, a.PurchaseOrder, a.PurchasedOn, a.Cost, Office = new { a.OfficeId, En = db.Offices.Where(o => o.Id == a.OfficeId).Select(o => o.NameEn).First(), Hi = db.Offices.Where(o => o.Id == a.OfficeId).Select(o => o.NameHi).First() } })
            .SingleOrDefaultAsync(ct);
        if (asset is null) return Error.NotFound("Asset");
        var mayKeep = viewer.MayKeep(asset.OfficeId);
        var isHolder = asset.HolderEmployeeId is { } h && h == viewer.EmployeeId;
        if (!mayKeep && !isHolder && !(asset.HolderEmployeeId is { } holder && await access.MaySeeEmployeeAsync(viewer, holder, clock.Today(), ct)))
            return Error.NotFound("Asset");
        var row = await Rows(db.Assets.AsNoTracking().Where(a => a.Id == id)).SingleAsync(ct);
        var history = await db.AssetEvents.AsNoTracking().Where(e => e.AssetId == id).OrderBy(e => e.Id)
            .Select(e => new AssetEventView(e.Kind,
                db.Employees.Where(x => x.Id == e.EmployeeId).Select(x => x.Code).FirstOrDefault(),
                db.Employees.Where(x => x.Id == e.EmployeeId).Select(x => x.NameEn).FirstOrDefault(),
                db.Employees.Where(x => x.Id == e.EmployeeId).Select(x => x.NameHi).FirstOrDefault(),
                db.Employees.Where(x => x.Id == e.ByEmployeeId).Select(x => x.NameEn).FirstOrDefault(),
                db.Employees.Where(x => x.Id == e.ByEmployeeId).Select(x => x.NameHi).FirstOrDefault(),
                e.At, e.Note, e.Signature != null)).ToListAsync(ct);
        var signs = isHolder && viewer.EmployeeId is { } me && await credentials.ActiveAsync(me, ct) is not null;
        return new AssetDetail(row, asset.OfficeId, asset.Office.En, asset.Office.Hi, asset.PurchaseOrder, asset.PurchasedOn, asset.Cost, history, mayKeep, isHolder, signs);
    }

    /// <summary>What the viewer holds now.</summary>
    public async Task<Result<IReadOnlyList<AssetRow>>> MineAsync(CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } me) return AssetsErrors.NotEmployee;
        return await Rows(db.Assets.AsNoTracking().Where(a => a.HolderEmployeeId == me && a.Status == AssetStatus.Issued).OrderBy(a => a.Tag)).ToListAsync(ct);
    }

    /// <summary>
    /// What an employee still holds (for relieving them from a post or the service): all of it for those who may see the
    /// employee, only their own office's assets for a store keeper.
    /// </summary>
    public async Task<Result<IReadOnlyList<AssetRow>>> HeldByAsync(int employeeId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var held = db.Assets.AsNoTracking().Where(a => a.HolderEmployeeId == employeeId && a.Status == AssetStatus.Issued);
        if (!await access.MaySeeEmployeeAsync(viewer, employeeId, clock.Today(), ct))
        {
            var keeps = viewer.KeepsOffices.ToList();
            if (keeps.Count == 0 || !await db.Employees.AnyAsync(e => e.Id == employeeId, ct)) return Error.NotFound("Employee");
            held = held.Where(a => keeps.Contains(a.OfficeId));
        }
        return await Rows(held.OrderBy(a => a.Tag)).ToListAsync(ct);
    }

    /// <summary>The rows of a query of assets, as every list of this area shows them.</summary>
    public async Task<IReadOnlyList<AssetRow>> RowsAsync(IQueryable<Asset> assets, CancellationToken ct) => await Rows(assets).ToListAsync(ct);

    private IQueryable<AssetRow> Rows(IQueryable<Asset> assets) => assets.Select(a => new AssetRow(a.Id, a.Kind, a.Make, a.Model, a.SerialNumber, a.Tag, a.Status,
        a.HolderEmployeeId,
        db.Employees.Where(e => e.Id == a.HolderEmployeeId).Select(e => e.Code).FirstOrDefault(),
        db.Employees.Where(e => e.Id == a.HolderEmployeeId).Select(e => e.NameEn).FirstOrDefault(),
        db.Employees.Where(e => e.Id == a.HolderEmployeeId).Select(e => e.NameHi).FirstOrDefault(),
        a.WarrantyEnds, a.AcknowledgedAt != null));
}

public sealed record KeepersCommand(IReadOnlyList<int>? PostIds);

/// <summary>The head of an office (or an administrator) names the posts that keep its store.</summary>
public sealed class NameKeepers(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int officeId, KeepersCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        if (!await db.Offices.AnyAsync(o => o.Id == officeId, ct)) return Error.NotFound("Office");
        if (!viewer.IsAdministrator && !(viewer.HeadsOffice && viewer.OfficeId == officeId)) return AssetsErrors.NotOfficeHead;
        var wanted = (cmd.PostIds ?? []).Distinct().ToList();
        if (wanted.Count > 20) return Error.TooLong("postIds", "Store keepers", 20);
        var valid = await db.Posts.Where(p => wanted.Contains(p.Id) && p.OfficeId == officeId && p.IsActive).Select(p => p.Id).ToListAsync(ct);
        if (valid.Count != wanted.Count) return AssetsErrors.KeeperNotInOffice;
        var current = await db.AssetKeepers.Where(k => k.OfficeId == officeId).ToListAsync(ct);
        db.AssetKeepers.RemoveRange(current.Where(k => !wanted.Contains(k.PostId)));
        foreach (var post in wanted.Where(p => current.All(k => k.PostId != p))) db.AssetKeepers.Add(new AssetKeeper(officeId, post, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return officeId;
    }
}
