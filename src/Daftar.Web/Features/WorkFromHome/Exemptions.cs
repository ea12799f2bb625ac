using Daftar.Data;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

public sealed record RequestExemptionCommand(ExemptionReason Reason, string? Details, DateOnly? From, DateOnly? To, bool OptsIn = false);
public sealed record DecideExemptionCommand(bool Approve, string? Remarks);
public sealed record ExemptionView(int Id, int EmployeeId, string NameEn, string NameHi, string PostCode, ExemptionReason Reason, string Details,
    DateOnly From, DateOnly To, bool OptsIn, ExemptionStatus Status, string? Remarks, bool CanDecide);

/// <summary>An employee asks to be kept out of the roster for a reason and a period; their controlling officer decides.</summary>
public sealed class RequestExemption(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(RequestExemptionCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } employee) return WorkFromHomeErrors.NoPost;
        var v = new Validation();
        if (!Enum.IsDefined(cmd.Reason)) v.Add(Error.NotInList("reason"));
        var details = v.Required(cmd.Details, "details", "Details", 2000);
        if (cmd.From is null) v.Add(Error.Required("from", "From"));
        if (cmd.To is null) v.Add(Error.Required("to", "To"));
        if (cmd.From is { } from && cmd.To is { } to)
        {
            if (to < from) v.Add(WorkFromHomeErrors.From(WorkFromHomeError.EndsBeforeStart));
            else if (to < clock.Today()) v.Add(WorkFromHomeErrors.PastPeriod);
            else if (to.DayNumber - from.DayNumber > 366) v.Add(WorkFromHomeErrors.PeriodTooLong);
        }
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var exemption = new Exemption(employee, viewer.PostId, cmd.Reason, details!, cmd.From!.Value, cmd.To!.Value, cmd.OptsIn, clock.GetUtcNow());
        db.Exemptions.Add(exemption);
        await db.SaveChangesAsync(ct);
        return exemption.Id;
    }
}

/// <summary>The controlling officer grants or refuses a request from a post below them, with remarks.</summary>
public sealed class DecideExemption(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, DecideExemptionCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var exemption = await db.Exemptions.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (exemption is null) return Error.NotFound("Request");
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        if (!below.Contains(exemption.PostId) || exemption.EmployeeId == viewer.EmployeeId)
            return exemption.EmployeeId == viewer.EmployeeId ? WorkFromHomeErrors.NotBelowYou : Error.NotFound("Request");
        var remarks = cmd.Remarks?.Trim();
        if (remarks?.Length > 2000) return Error.TooLong("remarks", "Remarks", 2000);
        if (exemption.Decide(cmd.Approve, viewer.PostId, remarks, clock.GetUtcNow()) is { } refused) return WorkFromHomeErrors.From(refused);
        await db.SaveChangesAsync(ct);
        return exemption.Id;
    }
}

/// <summary>Requests to be excused from office days: the caller's own, and those from the posts below them.</summary>
public sealed class ExemptionQueries(DaftarDb db, WorkFromHomeAccess access)
{
    public async Task<Result<IReadOnlyList<ExemptionView>>> ListAsync(CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        var rows = await db.Exemptions.AsNoTracking().Where(e => e.EmployeeId == viewer.EmployeeId || below.Contains(e.PostId))
            .Join(db.Employees, e => e.EmployeeId, m => m.Id, (e, m) => new { e, m.NameEn, m.NameHi })
            .Join(db.Posts, x => x.e.PostId, p => p.Id, (x, p) => new { x.e, x.NameEn, x.NameHi, p.Code })
            .OrderByDescending(x => x.e.Id).Take(200).ToListAsync(ct);
        return rows.Select(x => new ExemptionView(x.e.Id, x.e.EmployeeId, x.NameEn, x.NameHi, x.Code, x.e.Reason, x.e.Details, x.e.From, x.e.To, x.e.OptsIn,
            x.e.Status, x.e.Remarks, x.e.Status == ExemptionStatus.Requested && below.Contains(x.e.PostId) && x.e.EmployeeId != viewer.EmployeeId)).ToList();
    }
}

public sealed record AssessmentRulesCommand(DateOnly? EffectiveFrom, int WorkingDaysPerWeek, IReadOnlyDictionary<TaskFact, int>? OfficeDays);

/// <summary>A new version of the assessment rules from a date (administrators only); earlier versions stay to explain earlier verdicts.</summary>
public sealed class SaveAssessmentRules(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(AssessmentRulesCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!viewer.IsAdministrator) return WorkFromHomeErrors.NotAdministrator;
        var from = cmd.EffectiveFrom ?? clock.Today();
        if (from < clock.Today()) return WorkFromHomeErrors.EffectiveInPast;
        var days = cmd.OfficeDays ?? new Dictionary<TaskFact, int>();
        if (days.Keys.Any(k => !TaskFacts.All.Contains(k))) return Error.NotInList("officeDays");
        if (AssessmentRules.Check(cmd.WorkingDaysPerWeek, days) is { } refused) return WorkFromHomeErrors.From(refused);
        var version = (await db.AssessmentRules.MaxAsync(r => (int?)r.Version, ct) ?? 1) + 1;
        var rules = new AssessmentRules(version, from, cmd.WorkingDaysPerWeek, days, viewer.PostId, clock.GetUtcNow());
        db.AssessmentRules.Add(rules);
        await db.SaveChangesAsync(ct);
        return rules.Version;
    }
}
