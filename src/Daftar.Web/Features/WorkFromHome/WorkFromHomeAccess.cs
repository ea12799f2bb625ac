using Daftar.Data;
using Daftar.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>The acting post as this area needs it: where it sits, and what it may do here.</summary>
public sealed record WfhViewer(int AccountId, int? EmployeeId, int PostId, int OfficeId, int DepartmentId, int? SectionId, int Level, bool IsAdministrator, bool IsOfficeHead);

/// <summary>
/// Who may do what in WorkFromHome (DESIGN 2.6 and issue #32): employees their own days, attendance and reports;
/// controlling officers those of the posts below them; the head of an office (its most senior post, the one that reports
/// outside the office) its orders and rosters; section officers and above in a department, and administrators, its catalogue.
/// </summary>
public sealed class WorkFromHomeAccess(DaftarDb db, CurrentOfficer current, TimeProvider clock)
{
    /// <summary>Section officer (level 6 in the demo) and more senior posts keep their department's catalogue.</summary>
    public const int CatalogueLevel = 6;

    public async Task<WfhViewer?> ViewerAsync(CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { ActingPost: { } acting } officer) return null;
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == acting.PostId)
            .Select(p => new { p.Id, p.OfficeId, p.Office.DepartmentId, p.SectionId, p.Level, HeadsOffice = p.ReportsTo == null || p.ReportsTo.OfficeId != p.OfficeId })
            .SingleOrDefaultAsync(ct);
        return post is null ? null
            : new WfhViewer(officer.AccountId, officer.EmployeeId, post.Id, post.OfficeId, post.DepartmentId, post.SectionId, post.Level, officer.IsAdministrator, post.HeadsOffice);
    }

    public static bool MayKeepCatalogue(WfhViewer v, int departmentId) =>
        v.IsAdministrator || (v.DepartmentId == departmentId && v.Level <= CatalogueLevel);

    public static bool MayReadCatalogue(WfhViewer v, int departmentId) => v.IsAdministrator || v.DepartmentId == departmentId;

    public static bool HeadsOffice(WfhViewer v, int officeId) => v.IsAdministrator || (v.IsOfficeHead && v.OfficeId == officeId);

    /// <summary>The posts below a post in the reporting line, at any depth (the post itself not included).</summary>
    public async Task<HashSet<int>> PostsBelowAsync(int postId, CancellationToken ct)
    {
        var below = new HashSet<int>();
        var frontier = new List<int> { postId };
        while (frontier.Count > 0)
        {
            var next = await db.Posts.AsNoTracking().Where(p => p.ReportsToId != null && frontier.Contains(p.ReportsToId.Value) && p.IsActive)
                .Select(p => p.Id).ToListAsync(ct);
            frontier = next.Where(below.Add).ToList();
        }
        return below;
    }

    /// <summary>Where the viewer marked today, if they did.</summary>
    public async Task<Daftar.WorkFromHome.WorkPlace?> TodaysMarkAsync(WfhViewer viewer, CancellationToken ct)
    {
        if (viewer.EmployeeId is not { } employee) return null;
        var today = clock.Today();
        return await db.DailyAttendance.AsNoTracking().Where(a => a.EmployeeId == employee && a.Date == today)
            .Select(a => (Daftar.WorkFromHome.WorkPlace?)a.Place).SingleOrDefaultAsync(ct);
    }
}
