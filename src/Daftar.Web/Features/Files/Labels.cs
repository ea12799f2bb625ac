using Daftar.Files;

namespace Daftar.Web.Features.Files;

/// <summary>English labels (also translation keys) for the file enums, in the glossary's words.</summary>
public static class Labels
{
    public static string Of(Priority p) => p switch { Priority.Urgent => "Urgent", Priority.Immediate => "Immediate", _ => "Normal" };
    public static string Of(Grading g) => g switch { Grading.Confidential => "Confidential", Grading.Secret => "Secret", _ => "Normal" };
    public static string Of(FileStatus s) => s switch { FileStatus.Parked => "Parked", FileStatus.Closed => "Closed", _ => "Open" };
    public static string Of(FileKind k) => k == FileKind.Physical ? "Physical" : "Electronic";

    public static string Of(MovementKind k) => k switch
    {
        MovementKind.Created => "Created",
        MovementKind.Sent => "Sent",
        MovementKind.PulledBack => "Pulled back",
        MovementKind.Parked => "Parked",
        MovementKind.Unparked => "Unparked",
        MovementKind.Closed => "Closed",
        _ => "Reopened",
    };

    public static string Tab(string tab) => tab switch
    {
        "new" => "New",
        "opened" => "Opened",
        "overdue" => "Overdue",
        "sent" => "Sent",
        "created" => "Created",
        "parked" => "Parked",
        _ => "Closed",
    };
}
