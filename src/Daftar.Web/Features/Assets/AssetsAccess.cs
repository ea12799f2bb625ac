using Daftar.Data;
using Daftar.People;
using Daftar.Web.Features.People;
using Daftar.Web.Features.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Assets;

/// <summary>The acting post as this area needs it: who the officer is, where the post sits, which stores it keeps.</summary>
public sealed record AssetViewer(int? EmployeeId, int PostId, int OfficeId, int DepartmentId, bool IsAdministrator, bool HeadsOffice, IReadOnlySet<int> KeepsOffices)
{
    public bool MayKeep(int officeId) => IsAdministrator || KeepsOffices.Contains(officeId);
}

/// <summary>
/// Who sees and does what in Assets (issue #34): employees their own assets, requests and connection; controlling officers
/// those of the posts below them; the posts named store keepers of an office its inventory and its requests at the store
/// stage; the office's head names the keepers; administrators everything.
/// </summary>
public sealed class AssetsAccess(DaftarDb db, CurrentOfficer current, WorkFromHomeAccess wfh)
{
    public async Task<AssetViewer?> ViewerAsync(CancellationToken ct)
    {
        if (await wfh.ViewerAsync(ct) is not { } v) return null;
        var officer = await current.GetAsync(ct);
        var postIds = officer?.Posts.Select(p => p.PostId).ToList() ?? [v.PostId];
        var keeps = await db.AssetKeepers.AsNoTracking().Where(k => postIds.Contains(k.PostId)).Select(k => k.OfficeId).ToListAsync(ct);
        return new AssetViewer(v.EmployeeId, v.PostId, v.OfficeId, v.DepartmentId, v.IsAdministrator, v.IsOfficeHead, keeps.ToHashSet());
    }

    /// <summary>The posts below the acting post at any depth.</summary>
    public Task<HashSet<int>> PostsBelowAsync(int postId, CancellationToken ct) => wfh.PostsBelowAsync(postId, ct);

    /// <summary>The employees who hold (primary charge, today) any of <paramref name="postIds"/>.</summary>
    public async Task<HashSet<int>> HoldersAsync(IReadOnlyCollection<int> postIds, DateOnly today, CancellationToken ct) =>
        (await db.PostAssignments.AsNoTracking().PrimaryOn(today).Where(a => postIds.Contains(a.PostId)).Select(a => a.EmployeeId).ToListAsync(ct)).ToHashSet();

    /// <summary>The viewer may see this employee's equipment and connection: themselves, their controlling officers, administrators.</summary>
    public async Task<bool> MaySeeEmployeeAsync(AssetViewer viewer, int employeeId, DateOnly today, CancellationToken ct)
    {
        if (viewer.IsAdministrator || viewer.EmployeeId == employeeId) return true;
        var below = await PostsBelowAsync(viewer.PostId, ct);
        return below.Count > 0 && await db.PostAssignments.AsNoTracking().PrimaryOn(today).AnyAsync(a => a.EmployeeId == employeeId && below.Contains(a.PostId), ct);
    }
}
