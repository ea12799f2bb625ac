using Daftar.Assets;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Assets;

public sealed record RegisterAssetCommand(AssetKind Kind, string? Make, string? Model, string? SerialNumber, string? Tag, int? OfficeId = null,
    string? PurchaseOrder = null, DateOnly? PurchasedOn = null, decimal? Cost = null, DateOnly? WarrantyEnds = null);

/// <summary>A store keeper registers an asset of their office (an administrator, of any office); serial numbers and tags are unique.</summary>
public sealed class RegisterAsset(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(RegisterAssetCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var officeId = cmd.OfficeId ?? viewer.KeepsOffices.DefaultIfEmpty(viewer.OfficeId).First();
        if (!await db.Offices.AnyAsync(o => o.Id == officeId, ct)) return Error.Unknown("officeId", "Office");
        if (!viewer.MayKeep(officeId)) return AssetsErrors.NotKeeper;
        var checkedForm = Check(cmd, clock.Today());
        if (!checkedForm.Succeeded) return Result<int>.Fail(checkedForm.Errors);
        var f = checkedForm.Value!;
        if (await db.Assets.AnyAsync(a => a.SerialNumber == f.Serial, ct)) return AssetsErrors.DuplicateSerial;
        if (await db.Assets.AnyAsync(a => a.Tag == f.Tag, ct)) return AssetsErrors.DuplicateTag;
        var asset = new Asset(cmd.Kind, f.Make, f.Model, f.Serial, f.Tag, officeId, f.PurchaseOrder, cmd.PurchasedOn, cmd.Cost, cmd.WarrantyEnds, viewer.EmployeeId, clock.GetUtcNow());
        db.Assets.Add(asset);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Files.FileActions.IsUniqueViolation(ex))
        {
            // Registered by someone else between the check and the save.
            db.ChangeTracker.Clear();
            return await db.Assets.AnyAsync(a => a.SerialNumber == f.Serial, ct) ? AssetsErrors.DuplicateSerial : AssetsErrors.DuplicateTag;
        }
        return asset.Id;
    }

    public sealed record CheckedAsset(string Make, string Model, string Serial, string Tag, string? PurchaseOrder);

    /// <summary>The form's rules, shared by the page, the API and the register import: each error names its field.</summary>
    public static Result<CheckedAsset> Check(RegisterAssetCommand cmd, DateOnly today)
    {
        var v = new Validation();
        if (!Enum.IsDefined(cmd.Kind)) v.Add(Error.NotInList("kind"));
        var make = v.Required(cmd.Make, "make", "Make", 100);
        var model = v.Required(cmd.Model, "model", "Model", 100);
        var serial = v.Required(cmd.SerialNumber, "serialNumber", "Serial number", 100)?.ToUpperInvariant();
        var tag = v.Code(cmd.Tag, "tag", "Asset tag", 40);
        var order = v.Optional(cmd.PurchaseOrder, "purchaseOrder", "Purchase order", 100);
        if (cmd.Cost < 0) v.Add(AssetsErrors.NegativeCost);
        if (cmd.Cost > 100_000_000) v.Add(AssetsErrors.CostTooLarge);
        if (cmd.PurchasedOn > today) v.Add(AssetsErrors.PurchaseInFuture);
        if (cmd.WarrantyEnds is { } w && cmd.PurchasedOn is { } p && w < p) v.Add(AssetsErrors.WarrantyBeforePurchase);
        if (v.Failed) return Result<CheckedAsset>.Fail(v.Errors);
        return new CheckedAsset(make!, model!, serial!, tag!, order);
    }
}

public sealed record ChangeAssetStatusCommand(AssetStatus Status, string? Note);

/// <summary>The store sends an asset for repair, writes it off as lost or disposed, or takes it back into stock after them.</summary>
public sealed class ChangeAssetStatus(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, ChangeAssetStatusCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null || !viewer.MayKeep(asset.OfficeId)) return Error.NotFound("Asset");
        var v = new Validation();
        if (!Enum.IsDefined(cmd.Status)) v.Add(Error.NotInList("status"));
        var note = v.Optional(cmd.Note, "note", "Note", 500);
        if (cmd.Status is AssetStatus.Lost or AssetStatus.Disposed && note is null) v.Add(Error.Required("note", "Note"));
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (asset.ChangeStatus(cmd.Status, note, viewer.EmployeeId, clock.GetUtcNow()) is { } refused) return AssetsErrors.From(refused);
        return await AssetSaving.SaveAsync(db, asset.Id, ct);
    }
}

/// <summary>Saving an asset against a concurrent change: the second of two keepers is told, and nothing of theirs is kept.</summary>
public static class AssetSaving
{
    public static async Task<Result<int>> SaveAsync(DaftarDb db, int id, CancellationToken ct, Error? conflict = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return conflict ?? AssetsErrors.ChangedMeanwhile;
        }
    }
}
