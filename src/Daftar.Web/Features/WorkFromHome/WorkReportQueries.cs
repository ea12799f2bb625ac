using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

public sealed record WorkReportCommand(string? Text, DateOnly? Date = null);
public sealed record RemarkCommand(string? Remark);
/// <summary>A file the post worked on that day, for the report's pre-filled text.</summary>
public sealed record HandledFile(int FileId, string FileNumber, string Subject, string What);
public sealed record WorkReportDraft(DateOnly Date, string Text, IReadOnlyList<HandledFile> Files, bool AlreadySubmitted);
public sealed record WorkReportView(int Id, int EmployeeId, string NameEn, string NameHi, string PostCode, DateOnly Date, string Text, DateTimeOffset SubmittedAt,
    string? Remark, bool CanRemark);
public sealed record WeeklyRow(int EmployeeId, string NameEn, string NameHi, string PostCode, int Reports, int HomeDays, int OfficeDays, int FilesSent, int NotesConfirmed);
/// <summary>A section's week: for each person, reports written, days marked at home and in the office, and the files and notes of the week.</summary>
public sealed record WeeklySummary(string SectionCode, DateOnly From, DateOnly To, IReadOnlyList<WeeklyRow> Rows);

/// <summary>
/// Reading daily work reports (issue #32 item 6): today's draft, pre-filled with the files the post handled that day; the
/// caller's own reports and those of the posts below; a weekly summary per section.
/// </summary>
public sealed class WorkReportQueries(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
{
    public async Task<Result<WorkReportDraft>> DraftAsync(CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } employee) return WorkFromHomeErrors.NoPost;
        var today = clock.Today();
        var existing = await db.WorkReports.AsNoTracking().Where(r => r.EmployeeId == employee && r.Date == today).Select(r => r.Text).SingleOrDefaultAsync(ct);
        var files = await HandledAsync(viewer.PostId, today, ct);
        var text = existing ?? string.Join("\n", files.Select(f => $"{f.FileNumber}: {f.Subject} ({string.Join(", ", f.What.Split(", ").Select(w => l[w == "sent" ? "file sent on" : "note written"].Value))})"));
        return new WorkReportDraft(today, text, files, existing is not null);
    }

    /// <summary>Files sent and notes confirmed by the post on the day (compared in memory: SQLite cannot compare times with offsets).</summary>
    private async Task<IReadOnlyList<HandledFile>> HandledAsync(int postId, DateOnly day, CancellationToken ct)
    {
        var sent = (await db.Movements.AsNoTracking().Where(m => m.FromPostId == postId && m.Kind == Daftar.Files.MovementKind.Sent)
                .OrderByDescending(m => m.Id).Take(200).Select(m => new { m.FileId, m.At, m.File.FileNumber, m.File.Subject }).ToListAsync(ct))
            .Where(m => OfficeTime.DateOf(m.At) == day).Select(m => new HandledFile(m.FileId, m.FileNumber, m.Subject, "sent")).ToList();
        var noted = (await db.Notes.AsNoTracking().Where(n => n.AuthorPostId == postId && n.ConfirmedAt != null)
                .OrderByDescending(n => n.Id).Take(200).Select(n => new { n.FileId, n.ConfirmedAt, n.File.FileNumber, n.File.Subject }).ToListAsync(ct))
            .Where(n => OfficeTime.DateOf(n.ConfirmedAt!.Value) == day).Select(n => new HandledFile(n.FileId, n.FileNumber, n.Subject, "noted")).ToList();
        return noted.Concat(sent).GroupBy(f => f.FileId)
            .Select(g => g.First() with { What = string.Join(", ", g.Select(x => x.What).Distinct()) }).ToList();
    }

    /// <summary>The caller's own reports of the last fortnight and, for a day, those of the posts below them.</summary>
    public async Task<Result<IReadOnlyList<WorkReportView>>> ListAsync(DateOnly? date, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var day = date ?? clock.Today();
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        var since = clock.Today().AddDays(-14);
        var rows = await db.WorkReports.AsNoTracking()
            .Where(r => (r.EmployeeId == viewer.EmployeeId && r.Date >= since) || (below.Contains(r.PostId) && r.Date == day))
            .Join(db.Employees, r => r.EmployeeId, e => e.Id, (r, e) => new { r, e.NameEn, e.NameHi })
            .Join(db.Posts, x => x.r.PostId, p => p.Id, (x, p) => new { x.r, x.NameEn, x.NameHi, p.Code })
            .OrderByDescending(x => x.r.Date).ThenBy(x => x.Code).Take(500).ToListAsync(ct);
        return rows.Select(x => new WorkReportView(x.r.Id, x.r.EmployeeId, x.NameEn, x.NameHi, x.Code, x.r.Date, x.r.Text, x.r.SubmittedAt, x.r.Remark,
            below.Contains(x.r.PostId) && x.r.EmployeeId != viewer.EmployeeId)).ToList();
    }

    /// <summary>A section's week (the caller's own section, or one below them): reports, days at home and in the office, files and notes.</summary>
    public async Task<Result<WeeklySummary>> WeeklyAsync(int? sectionId, DateOnly? day, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var section = sectionId ?? viewer.SectionId;
        if (section is null) return Error.NotFound("Section");
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        var from = RosterPlanner.WeekOf(day ?? clock.Today());
        var to = from.AddDays(6);
        var posts = await db.Posts.AsNoTracking().Where(p => p.SectionId == section && p.IsActive).Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        // The section's own members see their section; an officer above sees the sections of the posts below them.
        if (!viewer.IsAdministrator && viewer.SectionId != section && !posts.Any(p => below.Contains(p.Id))) return Error.NotFound("Section");
        var code = await db.Sections.Where(s => s.Id == section).Select(s => s.Code).SingleAsync(ct);
        var postIds = posts.Select(p => p.Id).ToList();
        var holders = await db.PostAssignments.AsNoTracking()
            .PrimaryDuring(from, to).Where(a => postIds.Contains(a.PostId))
            .Select(a => new { a.EmployeeId, a.PostId, a.Employee.NameEn, a.Employee.NameHi, a.Post.Code }).ToListAsync(ct);
        var employees = holders.Select(h => h.EmployeeId).Distinct().ToList();
        var reports = await db.WorkReports.AsNoTracking().Where(r => employees.Contains(r.EmployeeId) && r.Date >= from && r.Date <= to).Select(r => r.EmployeeId).ToListAsync(ct);
        var marks = await db.DailyAttendance.AsNoTracking().Where(a => employees.Contains(a.EmployeeId) && a.Date >= from && a.Date <= to).Select(a => new { a.EmployeeId, a.Place }).ToListAsync(ct);
        var activity = new Dictionary<int, (int Sent, int Notes)>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            foreach (var (post, a) in await AttendanceRegister.ActivityAsync(db, postIds, employees, d, ct))
            {
                var was = activity.GetValueOrDefault(post);
                activity[post] = (was.Sent + a.FilesSent, was.Notes + a.NotesConfirmed);
            }
        }
        var rows = holders.GroupBy(h => h.EmployeeId).Select(g => g.First()).OrderBy(h => h.Code).Select(h => new WeeklyRow(h.EmployeeId, h.NameEn, h.NameHi, h.Code,
            reports.Count(r => r == h.EmployeeId), marks.Count(m => m.EmployeeId == h.EmployeeId && m.Place == WorkPlace.Home),
            marks.Count(m => m.EmployeeId == h.EmployeeId && m.Place == WorkPlace.Office), activity.GetValueOrDefault(h.PostId).Sent, activity.GetValueOrDefault(h.PostId).Notes)).ToList();
        return new WeeklySummary(code, from, to, rows);
    }
}
