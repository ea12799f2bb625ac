using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

public sealed record DashboardRow(int OfficeId, string OfficeEn, string OfficeHi, int Invitations, int Attended, int RatePercent, int OpenActions, int OverdueActions);
public sealed record Dashboard(int OfficeId, string OfficeEn, string OfficeHi, Daftar.People.OfficeType? Level, DateOnly From, DateOnly To, IReadOnlyList<DashboardRow> Rows);

/// <summary>
/// For every office of a level under an office (e.g. every police station of a range), over a span of days: how
/// often its posts were invited to a meeting that was held and how often they came, and its open and overdue action
/// items. Open to officers of that office or any office above it.
/// </summary>
public sealed class ReviewDashboard(DaftarDb db, CurrentOfficer current, MeetingAccess access, TimeProvider clock)
{
    public async Task<Result<Dashboard>> HandleAsync(int officeId, Daftar.People.OfficeType? level, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer is null) return MeetingsErrors.NoPost;
        var office = await db.Offices.AsNoTracking().SingleOrDefaultAsync(o => o.Id == officeId, ct);
        if (office is null) return Error.NotFound("Office");
        // Open to officers of this office or of any office above it: walk up from it.
        var mine = await db.Posts.Where(p => officer.Posts.Select(x => x.PostId).Contains(p.Id)).Select(p => p.OfficeId).Distinct().ToListAsync(ct);
        var allowed = officer.IsAdministrator;
        for (int? up = officeId; up is { } id && !allowed; up = await db.Offices.Where(o => o.Id == id).Select(o => o.ParentId).SingleAsync(ct))
            allowed = mine.Contains(id);
        if (!allowed) return Error.NotFound("Office");
        if (level is { } l && !Enum.IsDefined(l)) return Error.NotInList("level");
        var today = access.Today;
        var last = to ?? today;
        var first = from ?? last.AddDays(-30);
        if (first > last || last.DayNumber - first.DayNumber > 366) return MeetingsErrors.InvalidRange;

        // The subtree once, with its shape: each unit's own subtree is worked out from it in memory.
        var subtree = await OrganisationDirectory.SubtreeAsync(db, officeId, ct);
        var tree = await db.Offices.AsNoTracking().Where(o => subtree.Contains(o.Id)).Select(o => new { o.Id, o.ParentId, o.Type, o.NameEn, o.NameHi }).ToListAsync(ct);
        var children = tree.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value, o => o.Id);
        HashSet<int> Below(int unit)
        {
            var all = new HashSet<int> { unit };
            for (var queue = new Queue<int>([unit]); queue.TryDequeue(out var next);)
                foreach (var child in children[next]) if (all.Add(child)) queue.Enqueue(child);
            return all;
        }
        var units = tree.Where(o => level == null ? o.ParentId == officeId : o.Type == level).OrderBy(o => o.NameEn).Take(2000).ToList();

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var posts = db.Posts.Where(p => subtree.Contains(p.OfficeId));
        // Held occurrences in the span, and the posts of this subtree each invited.
        var invited = await (
                from o in db.MeetingOccurrences.AsNoTracking()
                where o.Day >= first && o.Day <= last && o.Status == OccurrenceStatus.Scheduled && (o.RoomOpenedAtUtc != null || o.EndsAtUtc < nowUtc)
                join i in db.Invitees on o.MeetingId equals i.MeetingId
                where !i.Removed && i.PostId != null && subtree.Contains(i.Post!.OfficeId)
                select new { Occurrence = o.Id, Post = i.PostId!.Value, i.Post!.OfficeId })
            .ToListAsync(ct);
        var attended = (await db.Attendance.AsNoTracking()
            .Where(a => a.Grant.PostId != null && a.Grant.Occurrence.Day >= first && a.Grant.Occurrence.Day <= last && posts.Any(p => p.Id == a.Grant.PostId))
            .Select(a => new { a.OccurrenceId, Post = a.Grant.PostId!.Value }).Distinct().ToListAsync(ct))
            .Select(a => (a.OccurrenceId, a.Post)).ToHashSet();
        var actions = await db.ActionItems.AsNoTracking()
            .Where(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Dropped && subtree.Contains(a.AssigneePost.OfficeId))
            .Select(a => new { a.AssigneePost.OfficeId, Overdue = a.DueOn < today }).ToListAsync(ct);

        var rows = new List<DashboardRow>();
        foreach (var unit in units)
        {
            var offices = Below(unit.Id);
            var inv = invited.Where(i => offices.Contains(i.OfficeId)).ToList();
            var came = inv.Count(i => attended.Contains((i.Occurrence, i.Post)));
            var acts = actions.Where(a => offices.Contains(a.OfficeId)).ToList();
            rows.Add(new DashboardRow(unit.Id, unit.NameEn, unit.NameHi, inv.Count, came, inv.Count == 0 ? 0 : (int)Math.Round(100.0 * came / inv.Count),
                acts.Count, acts.Count(a => a.Overdue)));
        }
        return new Dashboard(officeId, office.NameEn, office.NameHi, level, first, last, rows);
    }
}
