using Daftar.People;

namespace Daftar.WorkFromHome;

/// <summary>
/// The facts about a task that decide where it can be done. Stored as flags; the API and pages list them by name.
/// </summary>
[Flags]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TaskFact>))]
public enum TaskFact
{
    None = 0,
    /// <summary>Needs the person physically present (a counter, a court, a strong room, a signature on paper).</summary>
    PhysicalPresence = 1,
    /// <summary>Needs visits to the field (inspections, spot verification).</summary>
    FieldVisits = 2,
    /// <summary>Deals with the public at a counter.</summary>
    PublicDealing = 4,
    /// <summary>Needs physical records that are not digitised.</summary>
    PhysicalRecords = 8,
    /// <summary>Handles classified data that may not leave the office.</summary>
    ClassifiedData = 16,
    /// <summary>Needs special equipment found only in the office.</summary>
    SpecialEquipment = 32,
    /// <summary>Needs a network reachable only inside the office (a treasury terminal, a police network).</summary>
    OfficeNetwork = 64,
    /// <summary>Done on e-File (the absence of this fact means the task still moves on paper).</summary>
    OnEFile = 128,
}

public static class TaskFacts
{
    /// <summary>Every fact, in the order the pages show them.</summary>
    public static readonly TaskFact[] All =
    [
        TaskFact.PhysicalPresence, TaskFact.FieldVisits, TaskFact.PublicDealing, TaskFact.PhysicalRecords,
        TaskFact.ClassifiedData, TaskFact.SpecialEquipment, TaskFact.OfficeNetwork, TaskFact.OnEFile,
    ];

    public static IReadOnlyList<TaskFact> List(this TaskFact facts) => All.Where(f => facts.HasFlag(f)).ToList();

    public static TaskFact Combine(IEnumerable<TaskFact>? facts) => (facts ?? []).Aggregate(TaskFact.None, (a, f) => a | f);

    /// <summary>Why a set of facts cannot be true together, or null. Classified files are kept off e-Office (the e-Office manual).</summary>
    public static WorkFromHomeError? Contradiction(TaskFact facts) =>
        facts.HasFlag(TaskFact.ClassifiedData) && facts.HasFlag(TaskFact.OnEFile) ? WorkFromHomeError.ClassifiedOnEFile : null;
}

/// <summary>A task of a department: "mutation cases", "FIR registration", "file noting". Posts perform tasks.</summary>
[Daftar.Audit.Audited]
public class WorkTask
{
    private WorkTask() { }

    public WorkTask(int departmentId, string code, string nameEn, string nameHi)
    {
        DepartmentId = departmentId;
        Code = code;
        NameEn = nameEn;
        NameHi = nameHi;
        IsActive = true;
    }

    public int Id { get; private set; }
    public int DepartmentId { get; private set; }
    public Department Department { get; private set; } = null!;
    public string Code { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string NameHi { get; private set; } = "";
    /// <summary>Codes of the sections that do it, comma-separated ("LR,GEN"); empty when any section may.</summary>
    public string Sections { get; private set; } = "";
    public TaskFact Facts { get; private set; }
    /// <summary>What the facts mean for this task, in a line ("the jamabandi register is not digitised").</summary>
    public string? Note { get; private set; }
    public bool IsActive { get; private set; }

    private readonly List<TaskPerformer> performers = [];
    public IReadOnlyList<TaskPerformer> Performers => performers;

    public IReadOnlyList<string> SectionCodes => Sections.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public WorkFromHomeError? Describe(string nameEn, string nameHi, IEnumerable<string> sections, TaskFact facts, string? note)
    {
        if (TaskFacts.Contradiction(facts) is { } contradiction) return contradiction;
        NameEn = nameEn;
        NameHi = nameHi;
        Sections = string.Join(',', sections.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct());
        Facts = facts;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }

    public void Retire() => IsActive = false;

    public void Restore() => IsActive = true;

    /// <summary>Posts of this designation in offices of this type perform the task.</summary>
    public bool PerformedBy(int designationId, OfficeType officeType) =>
        performers.Any(p => p.DesignationId == designationId && p.OfficeType == officeType);

    public void SetPerformers(IEnumerable<(int DesignationId, OfficeType OfficeType)> by)
    {
        var wanted = by.Distinct().ToList();
        performers.RemoveAll(p => !wanted.Contains((p.DesignationId, p.OfficeType)));
        foreach (var (designation, type) in wanted.Where(w => !performers.Any(p => p.DesignationId == w.DesignationId && p.OfficeType == w.OfficeType)))
            performers.Add(new TaskPerformer(designation, type));
    }
}

/// <summary>Posts of a designation in offices of a type perform a task (the catalogue's default mapping).</summary>
[Daftar.Audit.Audited("worktask", nameof(TaskId))]
public class TaskPerformer
{
    private TaskPerformer() { }

    public TaskPerformer(int designationId, OfficeType officeType)
    {
        DesignationId = designationId;
        OfficeType = officeType;
    }

    public int Id { get; private set; }
    public int TaskId { get; private set; }
    public int DesignationId { get; private set; }
    public OfficeType OfficeType { get; private set; }
}

/// <summary>One post's exception to the mapping: it performs a task its designation does not, or does not perform one it would.</summary>
[Daftar.Audit.Audited("worktask", nameof(TaskId))]
public class PostTask
{
    private PostTask() { }

    public PostTask(int postId, int taskId, bool performs)
    {
        PostId = postId;
        TaskId = taskId;
        Performs = performs;
    }

    public int Id { get; private set; }
    public int PostId { get; private set; }
    public int TaskId { get; private set; }
    public bool Performs { get; private set; }

    public void Set(bool performs) => Performs = performs;
}

/// <summary>A section that needs someone in the office on every working day (a dak counter, a strong room).</summary>
[Daftar.Audit.Audited]
public class SectionPresence
{
    private SectionPresence() { }

    public SectionPresence(int sectionId, int minimumInOffice)
    {
        SectionId = sectionId;
        MinimumInOffice = minimumInOffice;
    }

    public int Id { get; private set; }
    public int SectionId { get; private set; }
    public int MinimumInOffice { get; private set; }

    /// <summary>Nobody (0) up to every post of the section; more could never be met by any roster.</summary>
    public static WorkFromHomeError? Check(int minimum, int posts) => minimum < 0 || minimum > posts ? WorkFromHomeError.MinimumOutOfRange : null;

    public WorkFromHomeError? Require(int minimum, int posts)
    {
        if (Check(minimum, posts) is { } refused) return refused;
        MinimumInOffice = minimum;
        return null;
    }
}

/// <summary>Why the work-from-home rules refused something; the message is English and the key of its translation.</summary>
public sealed record WorkFromHomeError(string Code, string Message, string? Field = null)
{
    public static readonly WorkFromHomeError ClassifiedOnEFile = new WorkFromHomeError("contradictory_facts",
        "A task cannot both handle classified data and be done on e-File: classified files are kept off e-Office.", "facts");
    public static readonly WorkFromHomeError CapOutOfRange = new WorkFromHomeError("invalid_cap", "The occupancy cap is a share of the staff from 1 to 100 %.", "capPercent");
    public static readonly WorkFromHomeError EndsBeforeStart = new WorkFromHomeError("ends_before_start", "The end date is before the start date.", "to");
    public static readonly WorkFromHomeError PastPeriod = new WorkFromHomeError("past_period", "A roster is made for a period that has not ended: choose this week or a later one.", "from");
    public static readonly WorkFromHomeError TooLong = new WorkFromHomeError("period_too_long", "A roster covers at most 31 days.", "to");
    public static readonly WorkFromHomeError RosterPublished = new WorkFromHomeError("roster_published", "The roster is published; make a new one for the changes.");
    public static readonly WorkFromHomeError NotDecidable = new WorkFromHomeError("exemption_decided", "The request has already been decided.");
    public static readonly WorkFromHomeError ReasonRequired = new WorkFromHomeError("reason_required", "Say why the request is refused.", "remarks");
    public static readonly WorkFromHomeError MinimumOutOfRange = new WorkFromHomeError("invalid_minimum", "A section's minimum in the office is from 0 to the number of its posts.", "minimumInOffice");
    public static readonly WorkFromHomeError DayOutside = new WorkFromHomeError("day_outside", "That day is not in the roster's period.", "day");
}
