using Daftar.Data;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>An employee writes (or, until it is remarked on, rewrites) the report of today's or yesterday's work.</summary>
public sealed class SubmitWorkReport(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(WorkReportCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } employee) return WorkFromHomeErrors.NoPost;
        var today = clock.Today();
        var date = cmd.Date ?? today;
        if (date > today || date < today.AddDays(-1)) return WorkFromHomeErrors.ReportDay;
        var text = Daftar.People.Text.Clean(cmd.Text);
        if (text is null) return WorkFromHomeErrors.EmptyReport;
        if (text.Length > 4000) return Error.TooLong("text", "Report", 4000);
        var report = await db.WorkReports.SingleOrDefaultAsync(r => r.EmployeeId == employee && r.Date == date, ct);
        if (report?.Remark is not null) return WorkFromHomeErrors.ReportRemarked;
        if (report is null) db.WorkReports.Add(report = new WorkReport(employee, viewer.PostId, date, text, clock.GetUtcNow()));
        else report.Rewrite(text, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return report.Id;
    }
}

/// <summary>The controlling officer remarks on the report of a post below them; a remarked report is final.</summary>
public sealed class RemarkOnWorkReport(DaftarDb db, WorkFromHomeAccess access, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int id, RemarkCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var report = await db.WorkReports.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return Error.NotFound("Report");
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        if (!below.Contains(report.PostId)) return report.EmployeeId == viewer.EmployeeId ? WorkFromHomeErrors.NotBelowYou : Error.NotFound("Report");
        var remark = Daftar.People.Text.Clean(cmd.Remark);
        if (remark is null) return Error.Required("remark", "Remark");
        if (remark.Length > 2000) return Error.TooLong("remark", "Remark", 2000);
        report.RemarkOn(remark, viewer.PostId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return report.Id;
    }
}
