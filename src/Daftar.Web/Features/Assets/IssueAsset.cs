using System.Globalization;
using System.Text;
using Daftar.Assets;
using Daftar.Data;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Assets;

public sealed record IssueAssetCommand(string? EmployeeCode, int? RequestId = null);

/// <summary>
/// The store issues an asset to a person (not a post: people take laptops home), for a request or on its own. Two keepers
/// issuing the same laptop at once: the asset's version lets one win, and the other is told.
/// </summary>
public sealed class IssueAsset(DaftarDb db, AssetsAccess access, Notifications.Notifier notifier, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, IssueAssetCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null || !viewer.MayKeep(asset.OfficeId)) return Error.NotFound("Asset");
        EquipmentRequest? request = null;
        int employeeId;
        if (cmd.RequestId is { } requestId)
        {
            request = await db.EquipmentRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.OfficeId == asset.OfficeId, ct);
            if (request is null) return Error.Unknown("requestId", "Request");
            employeeId = request.EmployeeId;
        }
        else
        {
            var code = Daftar.People.Text.Clean(cmd.EmployeeCode)?.ToUpperInvariant();
            if (code is null) return Error.Required("employeeCode", "Employee code");
            var employee = await db.Employees.Where(e => e.Code == code && e.IsActive).Select(e => (int?)e.Id).SingleOrDefaultAsync(ct);
            if (employee is null) return AssetsErrors.UnknownEmployee;
            employeeId = employee.Value;
        }
        var now = clock.GetUtcNow();
        if (asset.IssueTo(employeeId, request?.Id, viewer.EmployeeId, now) is { } refused) return AssetsErrors.From(refused);
        if (request?.Fulfil(asset, now) is { } notFulfilled) return AssetsErrors.From(notFulfilled);
        var saved = await AssetSaving.SaveAsync(db, asset.Id, ct);
        // The person is told live on the post they asked from; an issue without a request is seen on their equipment page.
        if (saved.Succeeded && request is not null)
            await notifier.ToPostAsync(request.PostId, new Notifications.Notice("asset", $"{asset.Tag} {asset.Make} {asset.Model}", $"/Assets/Asset?id={asset.Id}"));
        return saved;
    }
}

public sealed record AcknowledgeAssetCommand(string? Pin, bool Confirm = false);

/// <summary>
/// The holder acknowledges receipt. With a signing certificate they sign a short receipt text with it (PIN, or an open
/// signing session); without one, a confirmed click, recorded in the audit chain like every change.
/// </summary>
public sealed class AcknowledgeAsset(DaftarDb db, AssetsAccess access, CredentialAccess credentials, UnlockSigner unlock, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, AcknowledgeAssetCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } employeeId) return AssetsErrors.NotEmployee;
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id && a.HolderEmployeeId == employeeId, ct);
        if (asset is null) return Error.NotFound("Asset");
        var now = clock.GetUtcNow();
        byte[]? content = null, cms = null;
        if (await credentials.ActiveAsync(employeeId, ct) is not null)
        {
            var unlocked = await unlock.HandleAsync(employeeId, cmd.Pin, ct);
            if (!unlocked.Succeeded) return Result<int>.Fail(unlocked.Errors);
            using var signer = unlocked.Value!;
            var code = await db.Employees.Where(e => e.Id == employeeId).Select(e => e.Code).SingleAsync(ct);
            content = ReceiptText(asset, code, now);
            cms = signer.Signer.SignDetached(content);
        }
        else if (!cmd.Confirm) return AssetsErrors.ConfirmReceipt;
        if (asset.Acknowledge(employeeId, content, cms, now) is { } refused) return AssetsErrors.From(refused);
        return await AssetSaving.SaveAsync(db, asset.Id, ct);
    }

    /// <summary>What a signed acknowledgement covers, as UTF-8 text.</summary>
    public static byte[] ReceiptText(Asset asset, string employeeCode, DateTimeOffset at) => Encoding.UTF8.GetBytes(
        $"Daftar asset receipt v1\nAsset tag: {asset.Tag}\nSerial number: {asset.SerialNumber}\nKind: {asset.Kind}\nMake and model: {asset.Make} {asset.Model}\n" +
        $"Received by: {employeeCode}\nAt: {at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\n");
}

public sealed record ReturnAssetCommand(string? Condition);

/// <summary>The store takes an asset back from its holder, noting its condition; it is in the store again.</summary>
public sealed class ReturnAsset(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, ReturnAssetCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null || !viewer.MayKeep(asset.OfficeId)) return Error.NotFound("Asset");
        var v = new Validation();
        var condition = v.Required(cmd.Condition, "condition", "Condition", 500);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (asset.TakeBack(condition!, viewer.EmployeeId, clock.GetUtcNow()) is { } refused) return AssetsErrors.From(refused);
        return await AssetSaving.SaveAsync(db, asset.Id, ct);
    }
}
