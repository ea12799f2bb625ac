using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Files;

/// <summary>What the Files area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class FilesErrors
{
    public static readonly Error ChangedMeanwhile = new("file_changed", "Someone else changed this file a moment ago. Reload it to see what changed, then try again.", ErrorKind.Conflict);
    public static readonly Error NoPost = new("no_post", "You hold no post today, so you cannot act on files.", ErrorKind.Forbidden);
    public static readonly Error InvalidRetention = new("invalid_retention", "Keep B and C files for 1 to 100 years.", ErrorKind.Invalid, "retentionYears");
    public static readonly Error NoSection = new("no_section", "Your post belongs to no section, and every file belongs to a section. Ask the administrator to place the post in a section.", ErrorKind.Invalid);
    public static readonly Error LinkedFileNotFound = new("linked_file_not_found", "No file with that number that you may see.", ErrorKind.Invalid, "file");
    public static readonly Error Required = new("required", "{0} is required.", ErrorKind.Invalid, "text", "Note");
    public static readonly Error DueInPast = new("due_in_past", "The due date has already passed.", ErrorKind.Invalid, "dueOn");
    public static readonly Error InvalidPage = new("invalid_page", "The page must be a number from 1.", ErrorKind.Invalid, "page");
}
