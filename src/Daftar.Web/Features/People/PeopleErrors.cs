using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.People;

/// <summary>What the People area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class PeopleErrors
{
    public static readonly Error InvalidCharge = new("invalid_charge", "Choose a regular posting or additional charge.", ErrorKind.Invalid, "kind");
    public static readonly Error AssignmentEndsBeforeStart = new("assignment_ends_before_start", "The end date is before the start date.", ErrorKind.Invalid, "to");
    public static readonly Error InvalidLevel = new("invalid_level", "Level must be between 1 and 20.", ErrorKind.Invalid, "level");
    public static Error DuplicateDesignationCode(object code) => new("duplicate_code", "A designation with code {0} already exists.", ErrorKind.Conflict, "code", code);
    public static Error DuplicateDepartmentCode(object code) => new("duplicate_code", "A department with code {0} already exists.", ErrorKind.Conflict, "code", code);
    public static Error DuplicateEmployeeCode(object code) => new("duplicate_code", "An employee with code {0} already exists.", ErrorKind.Conflict, "code", code);
    public static readonly Error InvalidType = new("invalid_type", "Choose the type of office.", ErrorKind.Invalid, "type");
    public static Error DuplicateOfficeCode(object code) => new("duplicate_code", "An office with code {0} already exists.", ErrorKind.Conflict, "code", code);
    public static Error DuplicateSectionCode(object code) => new("duplicate_code", "A section with code {0} already exists.", ErrorKind.Conflict, "code", code);
    public static readonly Error SectionNotInOffice = new("section_not_in_office", "The section belongs to another office.", ErrorKind.Invalid, "sectionId");
    /// <summary>Relieving someone who still holds what the office must get back.</summary>
    public static Error StillHolds(IReadOnlyList<string> held) =>
        new("still_holds", "The employee still holds {0}. Get it back, or write it off, before relieving them.", ErrorKind.Conflict, null, string.Join(", ", held));
    public static Error DuplicatePostCode(object code) => new("duplicate_code", "A post with code {0} already exists.", ErrorKind.Conflict, "code", code);
}
