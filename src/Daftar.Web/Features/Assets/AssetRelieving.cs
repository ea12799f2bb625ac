using Daftar.Assets;
using Daftar.Data;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Assets;

/// <summary>An office cannot relieve someone who still holds its equipment; the service, anyone who holds any (issue #34 item 3).</summary>
public sealed class AssetRelieving(DaftarDb db) : People.IRelievingCheck
{
    public async Task<IReadOnlyList<string>> StillHeldAsync(int employeeId, int? officeId, CancellationToken ct)
    {
        var held = db.Assets.AsNoTracking().Where(a => a.HolderEmployeeId == employeeId && a.Status == AssetStatus.Issued);
        if (officeId is { } office) held = held.Where(a => a.OfficeId == office);
        return (await held.OrderBy(a => a.Tag).Select(a => new { a.Tag, a.Kind }).Take(20).ToListAsync(ct))
            .Select(a => $"{a.Tag} ({AssetsLabels.Of(a.Kind)})").ToList();
    }
}
