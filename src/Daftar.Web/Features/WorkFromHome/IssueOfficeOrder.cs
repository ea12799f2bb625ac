using Daftar.Data;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>A government order for an office: its number and date, the occupancy cap, the posts always in, from when to when.</summary>
public sealed record OfficeOrderCommand(int OfficeId, string? OrderNumber, DateOnly? OrderDate, int CapPercent, DateOnly? From, DateOnly? To,
    IReadOnlyList<string>? EssentialPosts);

public sealed record OfficeOrderView(int Id, int OfficeId, string OrderNumber, DateOnly OrderDate, int CapPercent, DateOnly From, DateOnly? To,
    IReadOnlyList<string> EssentialPosts, bool HasScan, DateTimeOffset CreatedAt);

/// <summary>Records an office's order (the head of the office or an administrator). Orders are never changed: a new one replaces it from its date.</summary>
public sealed class IssueOfficeOrder(DaftarDb db, WorkFromHomeAccess access, BlobStore blobs, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(OfficeOrderCommand cmd, Files.UploadedDocument? scan, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!await db.Offices.AnyAsync(o => o.Id == cmd.OfficeId, ct)) return Error.Unknown("officeId", "Office");
        if (!WorkFromHomeAccess.HeadsOffice(viewer, cmd.OfficeId)) return WorkFromHomeErrors.NotOfficeHead;
        var v = new Validation();
        var number = v.Required(cmd.OrderNumber, "orderNumber", "Order number", 100);
        if (cmd.OrderDate is null) v.Add(Error.Required("orderDate", "Order date"));
        if (cmd.From is null) v.Add(Error.Required("from", "In force from"));
        if (cmd.From is { } from && OfficeOrder.Check(cmd.CapPercent, from, cmd.To) is { } refused) v.Add(WorkFromHomeErrors.From(refused));
        var codes = (cmd.EssentialPosts ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        var posts = await db.Posts.Where(p => codes.Contains(p.Code) && p.OfficeId == cmd.OfficeId).Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        if (posts.Count != codes.Count) v.Add(WorkFromHomeErrors.NotInOffice);
        if (v.Failed) return Result<int>.Fail(v.Errors);

        var order = new OfficeOrder(cmd.OfficeId, number!, cmd.OrderDate!.Value, cmd.CapPercent, cmd.From!.Value, cmd.To, viewer.PostId, clock.GetUtcNow());
        order.SetEssential(posts.Select(p => p.Id));
        if (scan is not null)
        {
            await using var content = scan.Open();
            var stored = await blobs.StoreAsync(content, ct);
            if (!stored.Succeeded) return Result<int>.Fail(stored.Errors);
            order.AttachScan(stored.Value!.Hash, stored.Value.ContentType);
        }
        db.OfficeOrders.Add(order);
        await db.SaveChangesAsync(ct);
        return order.Id;
    }

    public async Task<Result<IReadOnlyList<OfficeOrderView>>> ListAsync(int officeId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!viewer.IsAdministrator && viewer.OfficeId != officeId) return Error.NotFound("Office");
        var orders = await db.OfficeOrders.AsNoTracking().Include(o => o.Essential).Where(o => o.OfficeId == officeId).ToListAsync(ct);
        var postIds = orders.SelectMany(o => o.Essential.Select(e => e.PostId)).Distinct().ToList();
        var codes = await db.Posts.Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        return orders.OrderByDescending(o => o.EffectiveFrom).ThenByDescending(o => o.Id)
            .Select(o => new OfficeOrderView(o.Id, o.OfficeId, o.OrderNumber, o.OrderDate, o.CapPercent, o.EffectiveFrom, o.EffectiveTo,
                o.Essential.Select(e => codes[e.PostId]).Order().ToList(), o.ScanHash is not null, o.CreatedAt)).ToList();
    }
}
