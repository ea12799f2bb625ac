using Daftar.Data;
using Daftar.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People;

public sealed record OfficeSummary(int Id, string Code, string NameEn, string NameHi, OfficeType Type, string DepartmentCode, int? ParentId, int Children, int Posts);
public sealed record HolderSummary(int EmployeeId, string Code, string NameEn, string NameHi, ChargeKind Kind, DateOnly From, DateOnly? To);
public sealed record PostSummary(int Id, string Code, string DesignationEn, string DesignationHi, int OfficeId, string OfficeEn, string OfficeHi,
    int? SectionId, string? SectionCode, int? ReportsToId, string? ReportsToCode, int Level, bool IsActive, IReadOnlyList<HolderSummary> Holders)
{
    public string TitleEn => $"{DesignationEn}, {OfficeEn}";
    public string TitleHi => $"{DesignationHi}, {OfficeHi}";
}
public sealed record AssignmentSummary(int Id, int PostId, string PostCode, string PostEn, string PostHi, ChargeKind Kind, DateOnly From, DateOnly? To);
public sealed record EmployeeSummary(int Id, string Code, string NameEn, string NameHi, string? Email, string? Mobile, bool IsActive, IReadOnlyList<AssignmentSummary> Assignments);
public sealed record SectionSummary(int Id, string Code, string NameEn, string NameHi);
public sealed record OfficeDetail(OfficeSummary Office, string DepartmentEn, string DepartmentHi, IReadOnlyList<OfficeSummary> Path,
    IReadOnlyList<OfficeSummary> Children, IReadOnlyList<SectionSummary> Sections, IReadOnlyList<PostSummary> Posts);
public sealed record DirectoryResults(IReadOnlyList<EmployeeSummary> Employees, IReadOnlyList<PostSummary> Posts, IReadOnlyList<OfficeSummary> Offices);

/// <summary>Reads of the organisation: the office tree, an office with its posts and holders, search in either script.</summary>
public sealed class OrganisationDirectory(DaftarDb db, TimeProvider clock)
{
    /// <summary>An office and every office below it, level by level (the tree is a few levels deep).</summary>
    public static async Task<List<int>> SubtreeAsync(DaftarDb db, int officeId, CancellationToken ct)
    {
        var all = new List<int> { officeId };
        var level = new List<int> { officeId };
        while (level.Count > 0)
        {
            level = await db.Offices.Where(o => o.ParentId != null && level.Contains(o.ParentId.Value)).Select(o => o.Id).ToListAsync(ct);
            all.AddRange(level);
        }
        return all;
    }

    private DateOnly Today => clock.Today();

    public Task<List<OfficeSummary>> GetChildOfficesAsync(int? parentId, CancellationToken ct) =>
        OfficeSummaries(db.Offices.Where(o => o.ParentId == parentId)).ToListAsync(ct);

    public async Task<OfficeDetail?> GetOfficeAsync(int id, CancellationToken ct)
    {
        var office = await OfficeSummaries(db.Offices.Where(o => o.Id == id)).SingleOrDefaultAsync(ct);
        if (office is null) return null;
        var dept = await db.Offices.Where(o => o.Id == id).Select(o => new { o.Department.NameEn, o.Department.NameHi }).SingleAsync(ct);
        var path = new List<OfficeSummary>();
        for (var parent = office.ParentId; parent is not null;)
        {
            var p = await OfficeSummaries(db.Offices.Where(o => o.Id == parent)).SingleAsync(ct);
            path.Insert(0, p);
            parent = p.ParentId;
        }
        var children = await GetChildOfficesAsync(id, ct);
        var sections = await db.Sections.Where(s => s.OfficeId == id).OrderBy(s => s.Code)
            .Select(s => new SectionSummary(s.Id, s.Code, s.NameEn, s.NameHi)).ToListAsync(ct);
        var posts = await PostSummariesAsync(db.Posts.Where(p => p.OfficeId == id), 500, ct);
        return new OfficeDetail(office, dept.NameEn, dept.NameHi, path, children, sections, posts);
    }

    public async Task<PostSummary?> GetPostAsync(int id, CancellationToken ct) =>
        (await PostSummariesAsync(db.Posts.Where(p => p.Id == id), 1, ct)).SingleOrDefault();

    public async Task<EmployeeSummary?> GetEmployeeAsync(int id, CancellationToken ct) =>
        (await EmployeeSummariesAsync(db.Employees.Where(e => e.Id == id), 1, ct)).SingleOrDefault();

    /// <summary>Finds employees, posts and offices whose names (Hindi or English), codes or e-mail contain the query.</summary>
    public async Task<DirectoryResults> SearchAsync(string? query, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, 100);
        if (Text.Clean(query) is null) return new DirectoryResults([], [], []);
        var pattern = Text.ContainsPattern(query!);
        var employees = await EmployeeSummariesAsync(db.Employees.Where(e => EF.Functions.Like(e.SearchKey, pattern, "\\")), limit, ct);
        var posts = await PostSummariesAsync(db.Posts.Where(p => EF.Functions.Like(p.SearchKey, pattern, "\\")), limit, ct);
        var offices = await OfficeSummaries(db.Offices.Where(o => EF.Functions.Like(o.SearchKey, pattern, "\\"))).Take(limit).ToListAsync(ct);
        return new DirectoryResults(employees, posts, offices);
    }

    private static IQueryable<OfficeSummary> OfficeSummaries(IQueryable<Office> offices) =>
        offices.OrderBy(o => o.Type).ThenBy(o => o.NameEn)
            .Select(o => new OfficeSummary(o.Id, o.Code, o.NameEn, o.NameHi, o.Type, o.Department.Code, o.ParentId,
                o.Children.Count, 0));

    public async Task<List<PostSummary>> PostSummariesAsync(IQueryable<Post> posts, int limit, CancellationToken ct)
    {
        var today = Today;
        var rows = await posts.OrderBy(p => p.Level).ThenBy(p => p.Code).Take(limit)
            .Select(p => new
            {
                p.Id,
                p.Code,
                DesEn = p.Designation.NameEn,
                DesHi = p.Designation.NameHi,
                p.OfficeId,
                OffEn = p.Office.NameEn,
                OffHi = p.Office.NameHi,
                p.SectionId,
                SectionCode = p.Section != null ? p.Section.Code : null,
                p.ReportsToId,
                ReportsToCode = p.ReportsTo != null ? p.ReportsTo.Code : null,
                p.Level,
                p.IsActive,
                Holders = p.Assignments.Where(a => a.From <= today && (a.To == null || a.To >= today))
                    .Select(a => new HolderSummary(a.EmployeeId, a.Employee.Code, a.Employee.NameEn, a.Employee.NameHi, a.Kind, a.From, a.To)).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(p => new PostSummary(p.Id, p.Code, p.DesEn, p.DesHi, p.OfficeId, p.OffEn, p.OffHi, p.SectionId, p.SectionCode,
            p.ReportsToId, p.ReportsToCode, p.Level, p.IsActive, p.Holders.OrderBy(h => h.Kind).ToList())).ToList();
    }

    private static async Task<List<EmployeeSummary>> EmployeeSummariesAsync(IQueryable<Employee> employees, int limit, CancellationToken ct)
    {
        var rows = await employees.OrderBy(e => e.NameEn).Take(limit)
            .Select(e => new
            {
                e.Id,
                e.Code,
                e.NameEn,
                e.NameHi,
                e.Email,
                e.Mobile,
                e.IsActive,
                Assignments = e.Assignments.Select(a => new AssignmentSummary(a.Id, a.PostId, a.Post.Code,
                    a.Post.Designation.NameEn + ", " + a.Post.Office.NameEn, a.Post.Designation.NameHi + ", " + a.Post.Office.NameHi,
                    a.Kind, a.From, a.To)).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(e => new EmployeeSummary(e.Id, e.Code, e.NameEn, e.NameHi, e.Email, e.Mobile, e.IsActive,
            e.Assignments.OrderByDescending(a => a.To == null).ThenByDescending(a => a.From).ToList())).ToList();
    }
}
