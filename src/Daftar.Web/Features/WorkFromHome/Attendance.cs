using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Where the caller works on a day (today when left out); a later day only as leave.</summary>
public sealed record MarkAttendanceCommand(WorkPlace Place, DateOnly? Date = null);
public sealed record MarkedAttendance(DateOnly Date, WorkPlace Place, bool RosterSaysOffice, bool DiffersFromRoster);

/// <summary>The day's e-File work of a post, counted from what Daftar already records: the evidence of a day worked from home.</summary>
public sealed record DayActivity(int FilesSent, int NotesConfirmed, int LettersDispatched, int MeetingsAttended)
{
    public int Total => FilesSent + NotesConfirmed + LettersDispatched + MeetingsAttended;
}

public sealed record RegisterRow(int PostId, string PostCode, string TitleEn, string TitleHi, int? EmployeeId, string? NameEn, string? NameHi,
    WorkPlace? Place, DateTimeOffset? MarkedAt, bool MarkedLate, bool? RosterSaysOffice, bool DiffersFromRoster, DayActivity Activity);
/// <summary>The register of the posts below the caller for a day: who marked where, who has not marked by 11:00, and each post's e-File work.</summary>
public sealed record AttendanceRegisterView(DateOnly Date, IReadOnlyList<RegisterRow> Rows, int Unmarked, int Flagged);

/// <summary>An employee marks where they work today (or plans leave); a second mark the same day replaces the first.</summary>
public sealed class MarkAttendance(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock)
{
    public async Task<Result<MarkedAttendance>> HandleAsync(MarkAttendanceCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } employee) return WorkFromHomeErrors.NoPost;
        if (!Enum.IsDefined(cmd.Place)) return Error.NotInList("place");
        var today = clock.Today();
        var date = cmd.Date ?? today;
        if (date < today || date > today.AddDays(90)) return WorkFromHomeErrors.MarkTooFarAhead;
        if (date > today && cmd.Place != WorkPlace.Leave) return WorkFromHomeErrors.OnlyLeaveAhead;

        var mark = await db.DailyAttendance.SingleOrDefaultAsync(a => a.EmployeeId == employee && a.Date == date, ct);
        if (mark is null) db.DailyAttendance.Add(mark = new DailyAttendance(employee, viewer.PostId, date, cmd.Place, MarkSource.Self, clock.GetUtcNow()));
        else mark.Change(cmd.Place, MarkSource.Self, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (mark.Id == 0)
        {
            // Two marks at once (two tabs, a double tap): the other one won; mark again over it.
            db.ChangeTracker.Clear();
            return await HandleAsync(cmd, ct);
        }
        var rostered = await RosterSaysOfficeAsync(db, [employee], date, ct);
        var inOffice = rostered.GetValueOrDefault(employee);
        return new MarkedAttendance(date, cmd.Place, inOffice == true, Differs(cmd.Place, inOffice));
    }

    /// <summary>Marking "office" on a day the roster says "home", or the reverse, is allowed and flagged.</summary>
    public static bool Differs(WorkPlace place, bool? rosterSaysOffice) =>
        rosterSaysOffice is { } office && (office && place == WorkPlace.Home || !office && place == WorkPlace.Office);

    /// <summary>For each employee on a published roster that covers the day: whether it puts them in the office.</summary>
    public static async Task<Dictionary<int, bool?>> RosterSaysOfficeAsync(DaftarDb db, IReadOnlyCollection<int> employees, DateOnly day, CancellationToken ct)
    {
        var rosters = await db.Rosters.AsNoTracking().Where(r => r.Status == RosterStatus.Published && r.From <= day && r.To >= day).Select(r => new { r.Id, r.OfficeId }).ToListAsync(ct);
        var ids = rosters.Select(r => r.Id).ToList();
        var inOffice = await db.RosterEntries.AsNoTracking().Where(e => ids.Contains(e.RosterId) && e.Day == day && employees.Contains(e.EmployeeId)).Select(e => e.EmployeeId).ToListAsync(ct);
        var offices = rosters.Select(r => r.OfficeId).ToList();
        var covered = await db.PostAssignments.AsNoTracking()
            .PrimaryOn(day).Where(a => employees.Contains(a.EmployeeId) && offices.Contains(a.Post.OfficeId))
            .Select(a => a.EmployeeId).ToListAsync(ct);
        return employees.ToDictionary(e => e, e => covered.Contains(e) ? inOffice.Contains(e) : (bool?)null);
    }
}

/// <summary>The controlling officer's register (issue #32 item 5): the posts below them, one row each, with the day's evidence of work.</summary>
public sealed class AttendanceRegister(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock)
{
    /// <summary>Marks made after this hour (office time) are late.</summary>
    public static readonly TimeOnly MarkBy = new(11, 0);

    public async Task<Result<AttendanceRegisterView>> HandleAsync(DateOnly? date, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var day = date ?? clock.Today();
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        var posts = await db.Posts.AsNoTracking().Where(p => below.Contains(p.Id)).OrderBy(p => p.Level).ThenBy(p => p.Code)
            .Select(p => new
            {
                p.Id,
                p.Code,
                DesEn = p.Designation.NameEn,
                DesHi = p.Designation.NameHi,
                OffEn = p.Office.NameEn,
                OffHi = p.Office.NameHi,
                Holder = db.PostAssignments.Where(a => a.PostId == p.Id && a.Kind == ChargeKind.Primary && a.From <= day && (a.To == null || a.To >= day))
                    .Select(a => new { a.EmployeeId, a.Employee.NameEn, a.Employee.NameHi }).FirstOrDefault(),
            }).ToListAsync(ct);
        var employees = posts.Where(p => p.Holder != null).Select(p => p.Holder!.EmployeeId).ToList();
        var marks = await db.DailyAttendance.AsNoTracking().Where(a => employees.Contains(a.EmployeeId) && a.Date == day).ToDictionaryAsync(a => a.EmployeeId, ct);
        var roster = await MarkAttendance.RosterSaysOfficeAsync(db, employees, day, ct);
        var activity = await ActivityAsync(db, posts.Select(p => p.Id).ToList(), employees, day, ct);
        var rows = posts.Select(p =>
        {
            var mark = p.Holder is { } h ? marks.GetValueOrDefault(h.EmployeeId) : null;
            var late = mark is not null && mark.Date == day && TimeOnly.FromDateTime(OfficeTime.Local(mark.MarkedAt).DateTime) > MarkBy;
            var rostered = p.Holder is { } holder ? roster.GetValueOrDefault(holder.EmployeeId) : null;
            return new RegisterRow(p.Id, p.Code, $"{p.DesEn}, {p.OffEn}", $"{p.DesHi}, {p.OffHi}", p.Holder?.EmployeeId, p.Holder?.NameEn, p.Holder?.NameHi,
                mark?.Place, mark?.MarkedAt, late, rostered, mark is not null && MarkAttendance.Differs(mark.Place, rostered),
                activity.GetValueOrDefault(p.Id, new DayActivity(0, 0, 0, 0)));
        }).ToList();
        return new AttendanceRegisterView(day, rows, rows.Count(r => r.EmployeeId != null && r.Place is null), rows.Count(r => r.DiffersFromRoster || r.MarkedLate));
    }

    /// <summary>
    /// Files sent, notes confirmed, letters dispatched by each post on the day, and meetings its holder joined. SQLite cannot
    /// compare times with offsets in SQL, so there the rows of these posts are narrowed by id first and compared here.
    /// </summary>
    public static async Task<Dictionary<int, DayActivity>> ActivityAsync(DaftarDb db, IReadOnlyCollection<int> posts, IReadOnlyCollection<int> employees, DateOnly day, CancellationToken ct)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        // PostgreSQL takes times with offset zero only.
        var start = new DateTimeOffset(midnight, OfficeTime.Zone.GetUtcOffset(midnight)).ToUniversalTime();
        var end = start.AddDays(1);
        bool Within(DateTimeOffset? at) => at is { } moment && OfficeTime.DateOf(moment) == day;
        List<(int Post, DateTimeOffset At)> sent, notes, letters;
        if (db.Database.IsNpgsql())
        {
            sent = (await db.Movements.AsNoTracking().Where(m => posts.Contains(m.FromPostId) && m.Kind == Daftar.Files.MovementKind.Sent && m.At >= start && m.At < end).Select(m => new { m.FromPostId, m.At }).ToListAsync(ct)).Select(m => (m.FromPostId, m.At)).ToList();
            notes = (await db.Notes.AsNoTracking().Where(n => posts.Contains(n.AuthorPostId) && n.ConfirmedAt >= start && n.ConfirmedAt < end).Select(n => new { n.AuthorPostId, n.ConfirmedAt }).ToListAsync(ct)).Select(n => (n.AuthorPostId, n.ConfirmedAt!.Value)).ToList();
            letters = (await db.Dispatches.AsNoTracking().Where(d => posts.Contains(d.DispatchedByPostId) && d.DispatchedAt >= start && d.DispatchedAt < end).Select(d => new { d.DispatchedByPostId, d.DispatchedAt }).ToListAsync(ct)).Select(d => (d.DispatchedByPostId, d.DispatchedAt)).ToList();
        }
        else
        {
            sent = (await db.Movements.AsNoTracking().Where(m => posts.Contains(m.FromPostId) && m.Kind == Daftar.Files.MovementKind.Sent).Select(m => new { m.FromPostId, m.At }).ToListAsync(ct)).Where(m => Within(m.At)).Select(m => (m.FromPostId, m.At)).ToList();
            notes = (await db.Notes.AsNoTracking().Where(n => posts.Contains(n.AuthorPostId) && n.ConfirmedAt != null).Select(n => new { n.AuthorPostId, n.ConfirmedAt }).ToListAsync(ct)).Where(n => Within(n.ConfirmedAt)).Select(n => (n.AuthorPostId, n.ConfirmedAt!.Value)).ToList();
            letters = (await db.Dispatches.AsNoTracking().Where(d => posts.Contains(d.DispatchedByPostId)).Select(d => new { d.DispatchedByPostId, d.DispatchedAt }).ToListAsync(ct)).Where(d => Within(d.DispatchedAt)).Select(d => (d.DispatchedByPostId, d.DispatchedAt)).ToList();
        }
        var startUtc = start.UtcDateTime;
        var endUtc = end.UtcDateTime;
        var meetings = await db.Attendance.AsNoTracking().Where(a => a.JoinedAtUtc >= startUtc && a.JoinedAtUtc < endUtc && a.Grant.PostId != null && posts.Contains(a.Grant.PostId.Value))
            .Select(a => new { PostId = a.Grant.PostId!.Value, a.OccurrenceId }).Distinct().ToListAsync(ct);
        return posts.ToDictionary(p => p, p => new DayActivity(sent.Count(s => s.Post == p), notes.Count(n => n.Post == p), letters.Count(l => l.Post == p),
            meetings.Count(m => m.PostId == p)));
    }
}
