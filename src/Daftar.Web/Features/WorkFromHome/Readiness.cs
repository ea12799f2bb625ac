using Daftar.Data;
using Daftar.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>
/// One column of the readiness view: a fact about each employee that says whether they can work from home. Each area
/// registers its own (<c>services.AddScoped&lt;IReadinessFact, …&gt;()</c>) — equipment, connectivity, training —
/// and the view shows every registered column without being edited (DESIGN 2.7).
/// </summary>
public interface IReadinessFact
{
    /// <summary>A stable key for programs ("signing", "two_factor").</summary>
    string Key { get; }

    /// <summary>The column's English title, the key of its translation.</summary>
    string Title { get; }

    /// <summary>Whether each of <paramref name="employeeIds"/> has the fact (absent: not known, shown as missing).</summary>
    Task<IReadOnlyDictionary<int, bool>> ForAsync(IReadOnlyCollection<int> employeeIds, CancellationToken ct);
}

/// <summary>A signing certificate enrolled and usable.</summary>
public sealed class SigningReadiness(DaftarDb db) : IReadinessFact
{
    public string Key => "signing";
    public string Title => "Signing certificate";

    public async Task<IReadOnlyDictionary<int, bool>> ForAsync(IReadOnlyCollection<int> employeeIds, CancellationToken ct)
    {
        var with = await db.SigningCredentials.AsNoTracking()
            .Where(c => employeeIds.Contains(c.EmployeeId) && c.Status == Daftar.Signing.CredentialStatus.Active).Select(c => c.EmployeeId).Distinct().ToListAsync(ct);
        return employeeIds.ToDictionary(e => e, with.Contains);
    }
}

/// <summary>Two-factor sign-in set up on the employee's account.</summary>
public sealed class TwoFactorReadiness(DaftarDb db) : IReadinessFact
{
    public string Key => "two_factor";
    public string Title => "Two-factor sign-in";

    public async Task<IReadOnlyDictionary<int, bool>> ForAsync(IReadOnlyCollection<int> employeeIds, CancellationToken ct)
    {
        var with = await db.Users.AsNoTracking().Where(a => a.EmployeeId != null && employeeIds.Contains(a.EmployeeId.Value) && a.TwoFactorEnabled)
            .Select(a => a.EmployeeId!.Value).ToListAsync(ct);
        return employeeIds.ToDictionary(e => e, with.Contains);
    }
}

/// <summary>Worked on e-File in the last 7 days: sent a file or confirmed a note from one of their posts.</summary>
public sealed class EFileReadiness(DaftarDb db, TimeProvider clock) : IReadinessFact
{
    public string Key => "efile_active";
    public string Title => "e-File in the last 7 days";

    public async Task<IReadOnlyDictionary<int, bool>> ForAsync(IReadOnlyCollection<int> employeeIds, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-7);
        var sinceDay = clock.Today().AddDays(-7);
        // Movements record who moved the file (ById); notes record the post, so a note counts for its post's holder then.
        var movers = await db.Movements.AsNoTracking().Where(m => employeeIds.Contains(m.ById)).GroupBy(m => m.ById).Select(g => new { g.Key, Last = g.Max(m => m.Id) }).ToListAsync(ct);
        var lastIds = movers.Select(m => m.Last).ToList();
        var recent = (await db.Movements.AsNoTracking().Where(m => lastIds.Contains(m.Id)).Select(m => new { m.ById, m.At }).ToListAsync(ct))
            .Where(m => m.At >= since).Select(m => m.ById).ToHashSet();
        var posts = await db.PostAssignments.AsNoTracking().Where(a => employeeIds.Contains(a.EmployeeId) && (a.To == null || a.To >= sinceDay))
            .Select(a => new { a.EmployeeId, a.PostId }).ToListAsync(ct);
        var postIds = posts.Select(p => p.PostId).Distinct().ToList();
        var noted = (await db.Notes.AsNoTracking().Where(n => postIds.Contains(n.AuthorPostId) && n.ConfirmedAt != null)
                .GroupBy(n => n.AuthorPostId).Select(g => new { g.Key, Last = g.Max(n => n.Id) }).ToListAsync(ct));
        var lastNotes = noted.Select(n => n.Last).ToList();
        var notedPosts = (await db.Notes.AsNoTracking().Where(n => lastNotes.Contains(n.Id)).Select(n => new { n.AuthorPostId, n.ConfirmedAt }).ToListAsync(ct))
            .Where(n => n.ConfirmedAt >= since).Select(n => n.AuthorPostId).ToHashSet();
        return employeeIds.ToDictionary(e => e, e => recent.Contains(e) || posts.Any(p => p.EmployeeId == e && notedPosts.Contains(p.PostId)));
    }
}

public sealed record ReadinessColumn(string Key, string Title);
public sealed record ReadinessRow(int EmployeeId, string Code, string NameEn, string NameHi, string PostCode, IReadOnlyDictionary<string, bool> Facts)
{
    public bool Ready => Facts.Values.All(v => v);
}
public sealed record ReadinessView(int OfficeId, string OfficeEn, string OfficeHi, IReadOnlyList<ReadinessColumn> Columns, IReadOnlyList<ReadinessRow> Rows)
{
    public int Ready => Rows.Count(r => r.Ready);
    public int Share(string key) => Rows.Count == 0 ? 0 : 100 * Rows.Count(r => r.Facts.GetValueOrDefault(key)) / Rows.Count;
}

/// <summary>Readiness to work from home per employee of an office, rolled up; the columns are whatever <see cref="IReadinessFact"/>s are registered.</summary>
public sealed class OfficeReadiness(DaftarDb db, WorkFromHomeAccess access, IEnumerable<IReadinessFact> facts, TimeProvider clock)
{
    public async Task<Infrastructure.Result<ReadinessView>> HandleAsync(int? officeId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var id = officeId ?? viewer.OfficeId;
        var office = await db.Offices.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Id, o.NameEn, o.NameHi }).SingleOrDefaultAsync(ct);
        // The office's head and administrators see everyone; a controlling officer elsewhere sees nobody's here.
        if (office is null || !(viewer.IsAdministrator || viewer.OfficeId == id && viewer.IsOfficeHead)) return Infrastructure.Error.NotFound("Office");
        var today = clock.Today();
        var staff = await db.PostAssignments.AsNoTracking()
            .PrimaryOn(today).Where(a => a.Post.OfficeId == id && a.Employee.IsActive)
            .OrderBy(a => a.Post.Level).ThenBy(a => a.Post.Code)
            .Select(a => new { a.EmployeeId, a.Employee.Code, a.Employee.NameEn, a.Employee.NameHi, PostCode = a.Post.Code }).ToListAsync(ct);
        var ids = staff.Select(s => s.EmployeeId).Distinct().ToList();
        var columns = new List<ReadinessColumn>();
        var values = new Dictionary<string, IReadOnlyDictionary<int, bool>>();
        foreach (var fact in facts)
        {
            columns.Add(new ReadinessColumn(fact.Key, fact.Title));
            values[fact.Key] = await fact.ForAsync(ids, ct);
        }
        var rows = staff.GroupBy(s => s.EmployeeId).Select(g => g.First()).Select(s => new ReadinessRow(s.EmployeeId, s.Code, s.NameEn, s.NameHi, s.PostCode,
            columns.ToDictionary(c => c.Key, c => values[c.Key].GetValueOrDefault(s.EmployeeId)))).ToList();
        return new ReadinessView(office.Id, office.NameEn, office.NameHi, columns, rows);
    }
}
