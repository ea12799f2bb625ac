using Daftar.Data;
using Daftar.People;
using Daftar.Web.Features.Notifications;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

public sealed record GenerateRosterCommand(int OfficeId, DateOnly? From, DateOnly? To);
public sealed record EditRosterCommand(DateOnly Day, int EmployeeId, bool InOffice);

public sealed record RosterPersonView(int EmployeeId, string NameEn, string NameHi, string PostCode, string? SectionCode, RosterRule Rule, int OfficeDays,
    IReadOnlyList<DateOnly> Days, IReadOnlyList<DateOnly> Unavailable);
public sealed record RosterDayView(DateOnly Day, int InOffice, int Cap);
public sealed record RosterProblemView(string Code, string Message, DateOnly? Day, int? EmployeeId, string? Employee, string? Section, int By);
public sealed record RosterView(int Id, int OfficeId, DateOnly From, DateOnly To, RosterStatus Status, int Cap, int CapPercent, string OrderNumber,
    IReadOnlyList<RosterDayView> Days, IReadOnlyList<RosterPersonView> People, IReadOnlyList<RosterProblemView> Problems,
    IReadOnlyList<DateOnly> Holidays, bool CanEdit, DateTimeOffset? PublishedAt);
public sealed record RosterSummary(int Id, DateOnly From, DateOnly To, RosterStatus Status);
/// <summary>An employee's office days in a period (published rosters only).</summary>
public sealed record MyDaysView(DateOnly From, DateOnly To, IReadOnlyList<DateOnly> OfficeDays, IReadOnlyList<DateOnly> WorkingDays, bool Published);

/// <summary>
/// Makes a draft roster for an office and a period with <see cref="RosterPlanner"/> (the head of the office or an
/// administrator); a new draft for the same period replaces the old draft, never a published roster.
/// </summary>
public sealed class GenerateRoster(DaftarDb db, WorkFromHomeAccess access, RosterInputs inputs, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(GenerateRosterCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!await db.Offices.AnyAsync(o => o.Id == cmd.OfficeId, ct)) return Error.Unknown("officeId", "Office");
        if (!WorkFromHomeAccess.HeadsOffice(viewer, cmd.OfficeId)) return WorkFromHomeErrors.NotOfficeHead;
        var period = Period(cmd.From, cmd.To, clock.Today());
        if (!period.Succeeded) return Result<int>.Fail(period.Errors);
        return await DraftAsync(cmd.OfficeId, period.Value.From, period.Value.To, viewer.PostId, ct);
    }

    /// <summary>The period a roster is asked for: next week when left out, not ended, at most 31 days.</summary>
    public static Result<(DateOnly From, DateOnly To)> Period(DateOnly? askedFrom, DateOnly? askedTo, DateOnly today)
    {
        var from = askedFrom ?? RosterPlanner.WeekOf(today).AddDays(7);
        var to = askedTo ?? from.AddDays(6);
        if (to < from) return WorkFromHomeErrors.From(WorkFromHomeError.EndsBeforeStart);
        if (to < today) return WorkFromHomeErrors.From(WorkFromHomeError.PastPeriod);
        if (to.DayNumber - from.DayNumber > 30) return WorkFromHomeErrors.From(WorkFromHomeError.TooLong);
        return (from, to);
    }

    /// <summary>Plans and saves the office's draft for the period (replacing an older draft of the same period), made by <paramref name="byPostId"/>.</summary>
    public async Task<Result<int>> DraftAsync(int officeId, DateOnly from, DateOnly to, int byPostId, CancellationToken ct)
    {
        var context = await inputs.BuildAsync(officeId, from, to, ct);
        if (!context.Succeeded) return Result<int>.Fail(context.Errors);
        var (order, input, people, _, _) = context.Value!;
        var plan = RosterPlanner.Plan(input);

        var drafts = await db.Rosters.Where(r => r.OfficeId == officeId && r.From == from && r.To == to && r.Status == RosterStatus.Draft).ToListAsync(ct);
        db.Rosters.RemoveRange(drafts);
        var roster = new Roster(officeId, from, to, order.Id, input.Cap, byPostId, clock.GetUtcNow());
        roster.Fill(plan, people);
        db.Rosters.Add(roster);
        await db.SaveChangesAsync(ct);
        return roster.Id;
    }
}

/// <summary>The office head puts someone in or out on a day of a draft; the constraints are checked again and the answer says what the edit broke.</summary>
public sealed class EditRoster(DaftarDb db, WorkFromHomeAccess access, RosterQueries queries)
{
    public async Task<Result<RosterView>> HandleAsync(int rosterId, EditRosterCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var roster = await db.Rosters.Include(r => r.Entries).SingleOrDefaultAsync(r => r.Id == rosterId, ct);
        if (roster is null || !(viewer.IsAdministrator || viewer.OfficeId == roster.OfficeId)) return Error.NotFound("Roster");
        if (!WorkFromHomeAccess.HeadsOffice(viewer, roster.OfficeId)) return WorkFromHomeErrors.NotOfficeHead;
        var person = await db.PostAssignments.AsNoTracking()
            .PrimaryDuring(roster.From, roster.To).Where(a => a.EmployeeId == cmd.EmployeeId && a.Post.OfficeId == roster.OfficeId)
            .Select(a => new { a.PostId }).FirstOrDefaultAsync(ct);
        if (person is null) return WorkFromHomeErrors.NotInRoster;
        // A day added by hand keeps the rule the person is on the roster by (turns by rotation count for later rosters).
        var rule = roster.Entries.FirstOrDefault(e => e.EmployeeId == cmd.EmployeeId)?.Rule ?? RosterRule.Rotation;
        if (roster.Edit(cmd.Day, cmd.EmployeeId, person.PostId, rule, cmd.InOffice) is { } refused) return WorkFromHomeErrors.From(refused);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WorkFromHomeErrors.ChangedMeanwhile;
        }
        return await queries.GetAsync(rosterId, ct);
    }
}

/// <summary>Publishes a draft: from then on it binds, each employee on it is told, and it counts for the rotation of later rosters.</summary>
public sealed class PublishRoster(DaftarDb db, WorkFromHomeAccess access, Notifier notifier, Meetings.MeetingMail mail, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int rosterId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var roster = await db.Rosters.Include(r => r.Entries).SingleOrDefaultAsync(r => r.Id == rosterId, ct);
        if (roster is null || !(viewer.IsAdministrator || viewer.OfficeId == roster.OfficeId)) return Error.NotFound("Roster");
        if (!WorkFromHomeAccess.HeadsOffice(viewer, roster.OfficeId)) return WorkFromHomeErrors.NotOfficeHead;
        if (roster.Publish(clock.GetUtcNow()) is { } refused) return WorkFromHomeErrors.From(refused);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WorkFromHomeErrors.ChangedMeanwhile;
        }
        var posts = await db.PostAssignments.AsNoTracking()
            .PrimaryDuring(roster.From, roster.To).Where(a => a.Post.OfficeId == roster.OfficeId)
            .Select(a => a.PostId).Distinct().ToListAsync(ct);
        foreach (var post in posts)
            await notifier.ToPostAsync(post, new Notice("roster", "", $"/WorkFromHome?week={roster.From:yyyy-MM-dd}"));
        if (mail.IsConfigured) await MailDaysAsync(roster, ct);
        return roster.Id;
    }

    /// <summary>Each employee on the roster gets their office days by e-mail, with an iCalendar part their calendar takes in.</summary>
    private async Task MailDaysAsync(Roster roster, CancellationToken ct)
    {
        var people = await db.PostAssignments.AsNoTracking()
            .PrimaryDuring(roster.From, roster.To).Where(a => a.Post.OfficeId == roster.OfficeId && a.Employee.Email != null)
            .Select(a => new { a.EmployeeId, a.Employee.NameEn, a.Employee.Email }).Distinct().ToListAsync(ct);
        var stamp = clock.GetUtcNow().UtcDateTime;
        foreach (var p in people)
        {
            var days = roster.Entries.Where(e => e.EmployeeId == p.EmployeeId).Select(e => e.Day).Order().ToList();
            var list = days.Count == 0 ? "—" : string.Join(", ", days.Select(d => d.ToString("ddd dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture)));
            var ics = RosterCalendar.Ics(days.Select(d => RosterCalendar.OfficeDay($"roster-{roster.Id}-{d:yyyyMMdd}-{p.EmployeeId}@daftar", d,
                "In the office (roster) / कार्यालय में (रोस्टर)", null, null, stamp)), "PUBLISH");
            mail.Enqueue(new Meetings.OutgoingMail(p.NameEn, p.Email!, "Daftar: your office days / आपके कार्यालय के दिन",
                $"""
                    The roster of your office from {roster.From:dd-MM-yyyy} to {roster.To:dd-MM-yyyy} is published. Your days in the office: {list}. On the other working days you work from home.
                    आपके कार्यालय का {roster.From:dd-MM-yyyy} से {roster.To:dd-MM-yyyy} तक का रोस्टर प्रकाशित हुआ है। कार्यालय में आपके दिन: {list}। शेष कार्य दिवसों पर आप घर से कार्य करेंगे।
                    """, ics, "PUBLISH"));
        }
    }
}

/// <summary>Rosters as the office head and the employee read them.</summary>
public sealed class RosterQueries(DaftarDb db, WorkFromHomeAccess access, RosterInputs inputs, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
{
    public async Task<Result<RosterView>> GetAsync(int rosterId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var roster = await db.Rosters.AsNoTracking().Include(r => r.Entries).SingleOrDefaultAsync(r => r.Id == rosterId, ct);
        if (roster is null || !(viewer.IsAdministrator || viewer.OfficeId == roster.OfficeId)) return Error.NotFound("Roster");
        var context = await inputs.BuildAsync(roster.OfficeId, roster.From, roster.To, ct);
        if (!context.Succeeded) return Result<RosterView>.Fail(context.Errors);
        var (order, input, people, names, holidays) = context.Value!;
        var inOffice = roster.InOffice(input.WorkingDays);
        var problems = RosterPlanner.Check(input with { Cap = roster.Cap }, inOffice);
        var sections = await db.Sections.AsNoTracking().Where(s => input.SectionMinimum.Keys.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        return new RosterView(roster.Id, roster.OfficeId, roster.From, roster.To, roster.Status, roster.Cap, order.CapPercent, order.OrderNumber,
            input.WorkingDays.Select(d => new RosterDayView(d, inOffice[d].Count, roster.Cap)).ToList(),
            input.People.OrderBy(p => names[p.EmployeeId].PostCode).Select(p => new RosterPersonView(p.EmployeeId, names[p.EmployeeId].NameEn, names[p.EmployeeId].NameHi,
                names[p.EmployeeId].PostCode, names[p.EmployeeId].SectionCode, p.Rule, input.WorkingDays.Count(d => inOffice[d].Contains(p.EmployeeId)),
                input.WorkingDays.Where(d => inOffice[d].Contains(p.EmployeeId)).ToList(), input.WorkingDays.Where(p.Unavailable.Contains).ToList())).ToList(),
            problems.Select(p => new RosterProblemView(p.Code, string.Format(System.Globalization.CultureInfo.CurrentCulture, l[WorkFromHomeLabels.Problem(p.Code)], p.By), p.Day, p.EmployeeId,
                p.EmployeeId is { } e && names.TryGetValue(e, out var n) ? n.NameEn : null, p.SectionId is { } s ? sections.GetValueOrDefault(s) : null, p.By)).ToList(),
            holidays.Select(h => h.Day).ToList(), roster.Status == RosterStatus.Draft && WorkFromHomeAccess.HeadsOffice(viewer, roster.OfficeId), roster.PublishedAt);
    }

    /// <summary>The office's rosters, newest first.</summary>
    public async Task<Result<IReadOnlyList<RosterSummary>>> ListAsync(int officeId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!viewer.IsAdministrator && viewer.OfficeId != officeId) return Error.NotFound("Office");
        var rows = await db.Rosters.AsNoTracking().Where(r => r.OfficeId == officeId).Select(r => new { r.Id, r.From, r.To, r.Status }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.From).Select(r => new RosterSummary(r.Id, r.From, r.To, r.Status)).ToList();
    }

    /// <summary>The signed-in employee's office days in the week of <paramref name="day"/> (today's when null), from published rosters.</summary>
    public async Task<Result<MyDaysView>> MyWeekAsync(DateOnly? day, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer?.EmployeeId is not { } employee) return WorkFromHomeErrors.NoPost;
        var from = RosterPlanner.WeekOf(day ?? clock.Today());
        var to = from.AddDays(6);
        // Only this week's rows: the home page asks on every visit, and a year of rosters must not come along.
        var entries = await db.RosterEntries.AsNoTracking()
            .Where(e => e.EmployeeId == employee && e.Day >= from && e.Day <= to && db.Rosters.Any(r => r.Id == e.RosterId && r.Status == RosterStatus.Published))
            .Select(e => new { e.Day, e.RosterId }).ToListAsync(ct);
        var rosters = await db.Rosters.AsNoTracking()
            .Where(r => r.OfficeId == viewer.OfficeId && r.Status == RosterStatus.Published && r.From <= to && r.To >= from).Select(r => new { r.From, r.To }).ToListAsync(ct);
        var covered = Enumerable.Range(0, 7).Select(from.AddDays).Where(d => rosters.Any(r => d >= r.From && d <= r.To) && d.DayOfWeek != DayOfWeek.Sunday).ToList();
        return new MyDaysView(from, to, entries.Select(e => e.Day).Distinct().Order().ToList(), covered, rosters.Count > 0);
    }
}
