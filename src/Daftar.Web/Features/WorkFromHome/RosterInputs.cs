using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Everything a roster of an office for a period is made and checked against, read from the database once.</summary>
public sealed record RosterContext(OfficeOrder Order, RosterInput Input, IReadOnlyDictionary<int, (int PostId, RosterRule Rule)> People,
    IReadOnlyDictionary<int, (string NameEn, string NameHi, string PostCode, string? SectionCode)> Names, IReadOnlyList<(DateOnly Day, string NameEn, string NameHi)> Holidays);

/// <summary>
/// Turns the office's staff, order, verdicts, exemptions, planned leave, holidays and earlier rosters into the planner's
/// input (<see cref="RosterPlanner"/>): essential posts by the order; office and partly-work posts by the assessment of
/// their tasks; the rest rotate; exemption days and leave days are days a person cannot come.
/// </summary>
public sealed class RosterInputs(DaftarDb db, TaskCatalogue catalogue)
{
    public async Task<Result<RosterContext>> BuildAsync(int officeId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var office = await db.Offices.AsNoTracking().Where(o => o.Id == officeId).Select(o => new { o.Id, o.DepartmentId }).SingleOrDefaultAsync(ct);
        if (office is null) return Error.NotFound("Office");
        var orders = await db.OfficeOrders.AsNoTracking().Include(o => o.Essential).Where(o => o.OfficeId == officeId).ToListAsync(ct);
        var order = orders.Where(o => o.AppliesOn(from)).OrderByDescending(o => o.EffectiveFrom).ThenByDescending(o => o.Id).FirstOrDefault();
        if (order is null) return WorkFromHomeErrors.NoOrder;

        var staff = await db.PostAssignments.AsNoTracking()
            .PrimaryDuring(from, to).Where(a => a.Post.OfficeId == officeId && a.Post.IsActive)
            .Select(a => new { a.EmployeeId, a.PostId, a.Post.Code, a.Post.SectionId, SectionCode = a.Post.Section != null ? a.Post.Section.Code : null, a.Employee.NameEn, a.Employee.NameHi, a.Employee.IsActive })
            .ToListAsync(ct);
        staff = staff.Where(s => s.IsActive).GroupBy(s => s.EmployeeId).Select(g => g.First()).ToList();
        if (staff.Count == 0) return WorkFromHomeErrors.NoStaff;

        var rules = await catalogue.RulesOnAsync(from, ct);
        var offices = new List<int>();
        for (int? o = officeId; o is { } id && !offices.Contains(id);) { offices.Add(id); o = await db.Offices.Where(x => x.Id == id).Select(x => x.ParentId).SingleAsync(ct); }
        var holidays = (await db.Holidays.AsNoTracking().Where(h => h.OfficeId == null || offices.Contains(h.OfficeId.Value)).ToListAsync(ct))
            .Where(h => h.Date >= from && h.Date <= to).ToList();
        var weekend = rules.WorkingDaysPerWeek >= 6 ? new[] { DayOfWeek.Sunday } : rules.WorkingDaysPerWeek == 5 ? new[] { DayOfWeek.Saturday, DayOfWeek.Sunday } : [];
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
            .Where(d => !weekend.Contains(d.DayOfWeek) && holidays.All(h => h.Date != d)).ToList();

        var postTasks = await catalogue.PostTasksAsync(office.DepartmentId, officeId, ct);
        var taskIds = postTasks.Values.SelectMany(t => t).Distinct().ToList();
        var tasks = await db.WorkTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => Assessor.Assess(t.Facts, rules), ct);
        var employees = staff.Select(s => s.EmployeeId).ToList();
        var exemptions = await db.Exemptions.AsNoTracking().Where(e => employees.Contains(e.EmployeeId) && e.Status == ExemptionStatus.Approved).ToListAsync(ct);
        var leave = (await db.DailyAttendance.AsNoTracking().Where(a => employees.Contains(a.EmployeeId) && a.Place == WorkPlace.Leave).Select(a => new { a.EmployeeId, a.Date }).ToListAsync(ct))
            .Where(a => a.Date >= from && a.Date <= to).ToLookup(a => a.EmployeeId, a => a.Date);
        var turns = (await db.RosterEntries.AsNoTracking()
                .Where(e => employees.Contains(e.EmployeeId) && e.Rule == RosterRule.Rotation && db.Rosters.Any(r => r.Id == e.RosterId && r.OfficeId == officeId && r.Status == RosterStatus.Published))
                .Select(e => new { e.EmployeeId, e.Day }).ToListAsync(ct))
            .Where(e => e.Day < from).GroupBy(e => e.EmployeeId).ToDictionary(g => g.Key, g => g.Count());
        var essential = order.Essential.Select(e => e.PostId).ToHashSet();

        var people = new List<RosterPerson>();
        foreach (var s in staff)
        {
            var away = leave[s.EmployeeId].ToHashSet();
            foreach (var e in exemptions.Where(e => e.EmployeeId == s.EmployeeId && !e.OptsIn)) away.UnionWith(days.Where(e.Binds));
            var assessment = Assessor.AssessPost(postTasks.GetValueOrDefault(s.PostId, []).Where(tasks.ContainsKey).Select(t => (t, tasks[t])), rules);
            // Exempted for every working day of the period: said as such, not "by turns" with no days.
            var (rule, perWeek) = days.Count > 0 && days.All(away.Contains) && exemptions.Any(e => e.EmployeeId == s.EmployeeId && !e.OptsIn) ? (RosterRule.Exempt, 0)
                : essential.Contains(s.PostId) ? (RosterRule.Essential, 0)
                : assessment?.Verdict == Verdict.Office ? (RosterRule.OfficeWork, 0)
                : assessment?.Verdict == Verdict.Partly ? (RosterRule.PartlyWork, assessment.OfficeDays)
                : (RosterRule.Rotation, 0);
            people.Add(new RosterPerson(s.EmployeeId, s.PostId, s.SectionId, rule, perWeek, away, turns.GetValueOrDefault(s.EmployeeId)));
        }
        var sectionIds = staff.Where(s => s.SectionId != null).Select(s => s.SectionId!.Value).Distinct().ToList();
        var minimum = await db.SectionPresence.AsNoTracking().Where(p => sectionIds.Contains(p.SectionId) && p.MinimumInOffice > 0).ToDictionaryAsync(p => p.SectionId, p => p.MinimumInOffice, ct);
        var input = new RosterInput(days, order.CapFor(staff.Count), people, minimum);
        return new RosterContext(order, input, people.ToDictionary(p => p.EmployeeId, p => (p.PostId, p.Rule)),
            staff.ToDictionary(s => s.EmployeeId, s => (s.NameEn, s.NameHi, s.Code, s.SectionCode)),
            holidays.Select(h => (h.Date, h.NameEn, h.NameHi)).ToList());
    }
}
