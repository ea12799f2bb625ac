using Daftar.Assets;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Assets;

public sealed record RequestEquipmentCommand(AssetKind Kind, string? Reason);

/// <summary>An employee asks for equipment or a connection, with a reason; it goes to the controlling officer (the post above theirs).</summary>
public sealed class RequestEquipment(DaftarDb db, AssetsAccess access, Notifications.Notifier notifier, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(RequestEquipmentCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } employeeId) return AssetsErrors.NotEmployee;
        var v = new Validation();
        if (!Enum.IsDefined(cmd.Kind)) v.Add(Error.NotInList("kind"));
        var reason = v.Optional(cmd.Reason, "reason", "Reason", 1000);
        if (reason is null && !v.Failed) v.Add(AssetsErrors.ReasonRequired);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (await db.EquipmentRequests.AnyAsync(r => r.EmployeeId == employeeId && r.Kind == cmd.Kind
                && (r.Status == RequestStatus.WithOfficer || r.Status == RequestStatus.WithStore || r.Status == RequestStatus.WaitingList), ct))
            return AssetsErrors.OpenRequest;
        var officer = await db.Posts.Where(p => p.Id == viewer.PostId).Select(p => p.ReportsToId).SingleAsync(ct);
        var request = new EquipmentRequest(employeeId, viewer.PostId, viewer.OfficeId, cmd.Kind, reason!, officer, clock.GetUtcNow());
        db.EquipmentRequests.Add(request);
        await db.SaveChangesAsync(ct);
        if (officer is { } to) await notifier.ToPostAsync(to, new Notifications.Notice("equipment-request", reason!, "/Assets/Requests"));
        return request.Id;
    }
}

public sealed record DecideRequestCommand(RequestDecision Decision, string? Remarks);

/// <summary>
/// The controlling officer approves (on to the store) or refuses; the store puts the request on the waiting list or refuses
/// (it approves by issuing an asset). A refusal always gives a reason; the employee sees each step.
/// </summary>
public sealed class DecideRequest(DaftarDb db, AssetsAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, DecideRequestCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var request = await db.EquipmentRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return Error.NotFound("Request");
        var v = new Validation();
        if (!Enum.IsDefined(cmd.Decision)) v.Add(Error.NotInList("decision"));
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", 1000);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        AssetError? refused;
        if (request.Status == RequestStatus.WithOfficer)
        {
            var below = await access.PostsBelowAsync(viewer.PostId, ct);
            if (request.OfficerPostId != viewer.PostId && !(viewer.IsAdministrator || below.Contains(request.PostId) && request.EmployeeId != viewer.EmployeeId))
                return await MaySeeAsync(viewer, request, ct) ? AssetsErrors.NotYourRequest : Error.NotFound("Request");
            refused = request.DecideAsOfficer(cmd.Decision, remarks, clock.GetUtcNow());
        }
        else
        {
            if (!viewer.MayKeep(request.OfficeId)) return await MaySeeAsync(viewer, request, ct) ? AssetsErrors.NotYourRequest : Error.NotFound("Request");
            refused = request.DecideAsStore(cmd.Decision, remarks, clock.GetUtcNow());
        }
        if (refused is not null) return AssetsErrors.From(refused);
        return await AssetSaving.SaveAsync(db, request.Id, ct, AssetsErrors.RequestChangedMeanwhile);
    }

    private async Task<bool> MaySeeAsync(AssetViewer viewer, EquipmentRequest request, CancellationToken ct) =>
        request.EmployeeId == viewer.EmployeeId || await access.MaySeeEmployeeAsync(viewer, request.EmployeeId, clock.Today(), ct);
}

public sealed record RequestView(int Id, int EmployeeId, string EmployeeCode, string NameEn, string NameHi, string PostCode, AssetKind Kind, string Reason,
    RequestStatus Status, string? OfficerRemarks, string? StoreRemarks, int? AssetId, DateTimeOffset CreatedAt, bool CanDecide, bool CanIssue,
    Daftar.WorkFromHome.Verdict? Verdict, int? HomeDays, IReadOnlyList<string> Missing, bool IsMine);

/// <summary>
/// Requests the viewer may see: their own; those from the posts below them; those at the store stage of offices they keep.
/// Beside each request the approver sees the employee's work-from-home verdict and what they still lack for it (readiness),
/// to put the neediest first.
/// </summary>
public sealed class RequestQueries(DaftarDb db, AssetsAccess access, WorkFromHome.TaskCatalogue catalogue, IEnumerable<WorkFromHome.IReadinessFact> facts, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<RequestView>>> ListAsync(CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        var keeps = viewer.KeepsOffices.ToList();
        var rows = await db.EquipmentRequests.AsNoTracking()
            .Where(r => r.EmployeeId == viewer.EmployeeId || below.Contains(r.PostId) || r.OfficerPostId == viewer.PostId || keeps.Contains(r.OfficeId) || viewer.IsAdministrator)
            .OrderByDescending(r => r.Id).Take(300)
            .Join(db.Employees, r => r.EmployeeId, e => e.Id, (r, e) => new { r, e.Code, e.NameEn, e.NameHi })
            .Join(db.Posts, x => x.r.PostId, p => p.Id, (x, p) => new { x.r, x.Code, x.NameEn, x.NameHi, PostCode = p.Code, p.Office.DepartmentId })
            .ToListAsync(ct);
        var verdicts = await VerdictsAsync(rows.Select(x => (x.r.PostId, x.DepartmentId)).Distinct().ToList(), ct);
        var employees = rows.Select(x => x.r.EmployeeId).Distinct().ToList();
        var known = new List<(string Title, IReadOnlyDictionary<int, bool> Has)>();
        foreach (var fact in facts) known.Add((fact.Title, await fact.ForAsync(employees, ct)));
        return rows.Select(x =>
        {
            var r = x.r;
            var canDecide = r.EmployeeId != viewer.EmployeeId && (r.Status == RequestStatus.WithOfficer
                ? r.OfficerPostId == viewer.PostId || below.Contains(r.PostId) || viewer.IsAdministrator
                : r.Status is RequestStatus.WithStore or RequestStatus.WaitingList && viewer.MayKeep(r.OfficeId));
            var verdict = verdicts.GetValueOrDefault(r.PostId);
            return new RequestView(r.Id, r.EmployeeId, x.Code, x.NameEn, x.NameHi, x.PostCode, r.Kind, r.Reason, r.Status, r.OfficerRemarks, r.StoreRemarks, r.AssetId,
                r.CreatedAt, canDecide, r.Status is RequestStatus.WithStore or RequestStatus.WaitingList && viewer.MayKeep(r.OfficeId),
                verdict?.Verdict, verdict?.HomeDays, known.Where(k => !k.Has.GetValueOrDefault(r.EmployeeId)).Select(k => k.Title).ToList(),
                r.EmployeeId == viewer.EmployeeId);
        }).ToList();
    }

    /// <summary>Each post's verdict under today's rules, from its department's catalogue (the same assessment the catalogue page shows).</summary>
    private async Task<Dictionary<int, Daftar.WorkFromHome.PostAssessment?>> VerdictsAsync(IReadOnlyList<(int PostId, int DepartmentId)> posts, CancellationToken ct)
    {
        var result = new Dictionary<int, Daftar.WorkFromHome.PostAssessment?>();
        if (posts.Count == 0) return result;
        var rules = await catalogue.RulesOnAsync(clock.Today(), ct);
        foreach (var department in posts.GroupBy(p => p.DepartmentId))
        {
            var tasks = await catalogue.PostTasksAsync(department.Key, null, ct);
            var ids = tasks.Values.SelectMany(t => t).Distinct().ToList();
            var assessed = (await db.WorkTasks.AsNoTracking().Where(t => ids.Contains(t.Id) && t.IsActive).Select(t => new { t.Id, t.Facts }).ToListAsync(ct))
                .ToDictionary(t => t.Id, t => Daftar.WorkFromHome.Assessor.Assess(t.Facts, rules));
            foreach (var (postId, _) in department)
                result[postId] = tasks.TryGetValue(postId, out var own)
                    ? Daftar.WorkFromHome.Assessor.AssessPost(own.Where(assessed.ContainsKey).Select(t => (t, assessed[t])), rules)
                    : null;
        }
        return result;
    }
}
