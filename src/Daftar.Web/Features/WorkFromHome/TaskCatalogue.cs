using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

public sealed record PerformerView(int DesignationId, string DesignationCode, OfficeType OfficeType);
public sealed record TaskView(int Id, string Code, string NameEn, string NameHi, IReadOnlyList<string> Sections, IReadOnlyList<TaskFact> Facts, string? Note,
    bool IsActive, IReadOnlyList<PerformerView> Performers, TaskAssessment Assessment);
public sealed record PostVerdictView(int PostId, string Code, string TitleEn, string TitleHi, string? HolderEn, string? HolderHi, PostAssessment? Assessment,
    string? DecidingTaskEn, string? DecidingTaskHi, IReadOnlyList<int> TaskIds);
public sealed record RulesView(int Version, DateOnly EffectiveFrom, int WorkingDaysPerWeek, IReadOnlyDictionary<TaskFact, int> OfficeDays);
/// <summary>A department's catalogue with every task's and post's verdict; <c>Assumed</c> are facts taken as no longer true ("what if").</summary>
public sealed record CatalogueView(int DepartmentId, string DepartmentCode, string DepartmentEn, string DepartmentHi, RulesView Rules, IReadOnlyList<TaskFact> Assumed,
    IReadOnlyList<TaskView> Tasks, IReadOnlyList<PostVerdictView> Posts, bool CanEdit)
{
    public int Count(Verdict verdict) => Posts.Count(p => p.Assessment?.Verdict == verdict);
}

/// <summary>Reads the catalogue and assesses it under the rules in force: the page and the API's one source.</summary>
public sealed class TaskCatalogue(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock)
{
    /// <summary>The rules in force on a day: the latest version that took effect by then, or the defaults.</summary>
    public async Task<AssessmentRules> RulesOnAsync(DateOnly day, CancellationToken ct)
    {
        var all = await db.AssessmentRules.AsNoTracking().ToListAsync(ct);   // a handful of versions; compared in memory (SQLite)
        return all.Where(r => r.EffectiveFrom <= day).OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Version).FirstOrDefault()
            ?? AssessmentRules.Default(day, clock.GetUtcNow());
    }

    public static RulesView ViewOf(AssessmentRules r) => new(r.Version, r.EffectiveFrom, r.WorkingDaysPerWeek, r.OfficeDays);

    public async Task<Result<CatalogueView>> DepartmentAsync(int? departmentId, TaskFact assumeAway, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var id = departmentId ?? viewer.DepartmentId;
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Id, d.Code, d.NameEn, d.NameHi }).SingleOrDefaultAsync(ct);
        if (department is null || !WorkFromHomeAccess.MayReadCatalogue(viewer, id)) return Error.NotFound("Department");

        var rules = await RulesOnAsync(clock.Today(), ct);
        var tasks = await db.WorkTasks.AsNoTracking().Include(t => t.Performers).Where(t => t.DepartmentId == id).OrderBy(t => t.Code).ToListAsync(ct);
        var designations = await db.Designations.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var assessed = tasks.ToDictionary(t => t.Id, t => Assessor.Assess(t.Facts, rules, assumeAway));
        var taskViews = tasks.Select(t => new TaskView(t.Id, t.Code, t.NameEn, t.NameHi, t.SectionCodes, t.Facts.List(), t.Note, t.IsActive,
            t.Performers.Select(p => new PerformerView(p.DesignationId, designations.GetValueOrDefault(p.DesignationId, "?"), p.OfficeType)).ToList(), assessed[t.Id])).ToList();

        var posts = await PostTasksAsync(id, null, ct);
        var today = clock.Today();
        var postIds = posts.Keys.ToList();
        var postRows = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).OrderBy(p => p.Office.Code).ThenBy(p => p.Level).ThenBy(p => p.Code)
            .Select(p => new
            {
                p.Id,
                p.Code,
                DesEn = p.Designation.NameEn,
                DesHi = p.Designation.NameHi,
                OffEn = p.Office.NameEn,
                OffHi = p.Office.NameHi,
                Holder = db.PostAssignments.Where(a => a.PostId == p.Id && a.Kind == ChargeKind.Primary && a.From <= today && (a.To == null || a.To >= today))
                    .Select(a => new { a.Employee.NameEn, a.Employee.NameHi }).FirstOrDefault(),
            }).ToListAsync(ct);
        var byId = tasks.ToDictionary(t => t.Id);
        var postViews = postRows.Select(p =>
        {
            var ids = posts[p.Id];
            var assessment = Assessor.AssessPost(ids.Where(assessed.ContainsKey).Where(t => byId[t].IsActive).Select(t => (t, assessed[t])), rules);
            var deciding = assessment?.DecidingTaskId is { } d ? byId[d] : null;
            return new PostVerdictView(p.Id, p.Code, $"{p.DesEn}, {p.OffEn}", $"{p.DesHi}, {p.OffHi}", p.Holder?.NameEn, p.Holder?.NameHi, assessment,
                deciding?.NameEn, deciding?.NameHi, ids);
        }).ToList();
        return new CatalogueView(department.Id, department.Code, department.NameEn, department.NameHi, ViewOf(rules), assumeAway.List(), taskViews, postViews,
            WorkFromHomeAccess.MayKeepCatalogue(viewer, id));
    }

    /// <summary>
    /// The tasks each active post of a department performs: those mapped to its designation in its type of office, plus the
    /// post's own additions, minus its exclusions. <paramref name="officeId"/> narrows to one office.
    /// </summary>
    public async Task<Dictionary<int, List<int>>> PostTasksAsync(int departmentId, int? officeId, CancellationToken ct)
    {
        var posts = await db.Posts.AsNoTracking()
            .Where(p => p.IsActive && p.Office.DepartmentId == departmentId && (officeId == null || p.OfficeId == officeId))
            .Select(p => new { p.Id, p.DesignationId, p.Office.Type, Section = p.Section != null ? p.Section.Code : null }).ToListAsync(ct);
        var performers = await db.TaskPerformers.AsNoTracking()
            .Where(tp => db.WorkTasks.Any(t => t.Id == tp.TaskId && t.DepartmentId == departmentId && t.IsActive))
            .Select(tp => new { tp.TaskId, tp.DesignationId, tp.OfficeType }).ToListAsync(ct);
        // A task named for sections is performed only by posts of those sections (a post with no section does any).
        var sections = (await db.WorkTasks.AsNoTracking().Where(t => t.DepartmentId == departmentId).Select(t => new { t.Id, t.Sections }).ToListAsync(ct))
            .ToDictionary(t => t.Id, t => t.Sections.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var postIds = posts.Select(p => p.Id).ToList();
        var overrides = await db.PostTasks.AsNoTracking().Where(o => postIds.Contains(o.PostId)).ToListAsync(ct);
        var mapped = performers.ToLookup(p => (p.DesignationId, p.OfficeType), p => p.TaskId);
        var byPost = overrides.ToLookup(o => o.PostId);
        return posts.ToDictionary(p => p.Id, p =>
        {
            var set = mapped[(p.DesignationId, p.Type)]
                .Where(t => p.Section is null || sections[t].Length == 0 || sections[t].Contains(p.Section)).ToHashSet();
            foreach (var o in byPost[p.Id])
            {
                if (o.Performs) set.Add(o.TaskId);
                else set.Remove(o.TaskId);
            }
            return set.Order().ToList();
        });
    }
}
