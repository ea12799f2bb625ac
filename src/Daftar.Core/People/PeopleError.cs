namespace Daftar.People;

/// <summary>The expected ways a change to the organisation can be refused; each has a translated message.</summary>
public sealed record PeopleError(string Code, string Message)
{
    public static readonly PeopleError PostAlreadyHeld = new("post_already_held", "The post already has a regular holder for these dates.");
    public static readonly PeopleError AlreadyHoldsPost = new("already_holds_post", "The employee already holds this post for these dates.");
    public static readonly PeopleError AssignmentOverlaps = new("assignment_overlaps", "The employee already has a regular posting that starts on or after this date.");
    public static readonly PeopleError AssignmentEndsBeforeStart = new("assignment_ends_before_start", "The end date is before the start date.");
    public static readonly PeopleError PostInactive = new("post_inactive", "The post has been abolished.");
    public static readonly PeopleError SectionNotInOffice = new("section_not_in_office", "The section belongs to another office.");
    public static readonly PeopleError ReportingLoop = new("reporting_loop", "A post cannot report to itself or to a post below it.");
    public static readonly PeopleError OfficeLoop = new("office_loop", "An office cannot be placed under itself or an office below it.");
}
