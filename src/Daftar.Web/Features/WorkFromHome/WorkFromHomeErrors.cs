using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>What the WorkFromHome area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class WorkFromHomeErrors
{
    public static readonly Error ReportDay = new("report_day", "Write the report for today (or yesterday, if you forgot).", ErrorKind.Invalid, "date");
    public static readonly Error ReportRemarked = new("report_remarked", "Your officer has already remarked on this report; it no longer changes.", ErrorKind.Conflict);
    public static readonly Error NoFile = new("no_file", "Attach a .csv or .xlsx file.", ErrorKind.Invalid, "file");
    public static readonly Error NotInOffice = new("not_in_office", "Essential posts must be posts of this office.", ErrorKind.Invalid, "essentialPosts");
    public static readonly Error InvalidMonth = new("invalid_month", "Give the month as YYYY-MM.", ErrorKind.Invalid, "month");
    public static readonly Error PastPeriod = new("past_period", "The period has already ended.", ErrorKind.Invalid, "to");
    public static readonly Error PeriodTooLong = new("period_too_long", "Ask for at most a year at a time.", ErrorKind.Invalid, "to");
    public static readonly Error NoPost = new("no_post", "You hold no post today.", ErrorKind.Forbidden);
    public static readonly Error NotYourDepartment = new("not_your_department", "Only the department's administrators and section officers keep its catalogue.", ErrorKind.Forbidden);
    public static readonly Error NotOfficeHead = new("not_office_head", "Only the head of the office (or an administrator) makes its orders and rosters.", ErrorKind.Forbidden);
    public static readonly Error NotAdministrator = new("not_administrator", "Only an administrator changes the assessment rules.", ErrorKind.Forbidden);
    public static readonly Error DuplicateTaskCode = new("duplicate_code", "The department already has a task with this code.", ErrorKind.Conflict, "code");
    public static readonly Error NoOrder = new("no_order", "The office has no order with an occupancy cap for these dates; record the order first.", ErrorKind.Conflict, "from");
    public static readonly Error AdministratorsOnly = new("administrators_only", "Only an administrator makes rosters for every office at once.", ErrorKind.Forbidden);
    public static readonly Error NoStaff = new("no_staff", "Nobody is posted to this office.", ErrorKind.Conflict);
    public static readonly Error NotInRoster = new("not_in_roster", "That employee is not on this office's roster.", ErrorKind.Invalid, "employeeId");
    public static readonly Error ChangedMeanwhile = new("roster_changed", "Someone else changed this roster a moment ago. Reload it and try again.", ErrorKind.Conflict);
    public static readonly Error MarkTooFarAhead = new("mark_too_far", "Mark today, or plan leave up to 90 days ahead; past days are not changed.", ErrorKind.Invalid, "date");
    public static readonly Error OnlyLeaveAhead = new("only_leave_ahead", "A future day can only be marked as leave.", ErrorKind.Invalid, "place");
    public static readonly Error NotBelowYou = new("not_below_you", "Only the controlling officer of the employee's post decides.", ErrorKind.Forbidden);
    public static readonly Error EmptyReport = new("empty_report", "Write what you did today.", ErrorKind.Invalid, "text");
    public static readonly Error EffectiveInPast = new("effective_in_past", "New rules take effect today or later.", ErrorKind.Invalid, "effectiveFrom");

    /// <summary>A rule of the area's entities, as the API and pages answer it.</summary>
    public static Error From(WorkFromHomeError e) => new(e.Code, e.Message, e.Code is "roster_published" or "exemption_decided" ? ErrorKind.Conflict : ErrorKind.Invalid, e.Field);
}
