namespace Daftar.WorkFromHome;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Verdict>))]
public enum Verdict { Home = 1, Partly = 2, Office = 3 }

/// <summary>
/// The rules that turn a task's facts into days in the office: for each fact, how many days a week it holds a person in
/// the office. Data, not code: the administrator edits them, and each edit is a new version from a date, so a past
/// assessment can be explained with the rules it was made under.
/// </summary>
[Daftar.Audit.Audited]
public class AssessmentRules
{
    private AssessmentRules() { }

    public AssessmentRules(int version, DateOnly effectiveFrom, int workingDaysPerWeek, IReadOnlyDictionary<TaskFact, int> officeDays, int? byPostId, DateTimeOffset at)
    {
        Version = version;
        EffectiveFrom = effectiveFrom;
        WorkingDaysPerWeek = workingDaysPerWeek;
        PresenceDays = officeDays.GetValueOrDefault(TaskFact.PhysicalPresence);
        FieldDays = officeDays.GetValueOrDefault(TaskFact.FieldVisits);
        PublicDealingDays = officeDays.GetValueOrDefault(TaskFact.PublicDealing);
        PhysicalRecordsDays = officeDays.GetValueOrDefault(TaskFact.PhysicalRecords);
        ClassifiedDays = officeDays.GetValueOrDefault(TaskFact.ClassifiedData);
        EquipmentDays = officeDays.GetValueOrDefault(TaskFact.SpecialEquipment);
        OfficeNetworkDays = officeDays.GetValueOrDefault(TaskFact.OfficeNetwork);
        PaperDays = officeDays.GetValueOrDefault(TaskFact.OnEFile);
        ByPostId = byPostId;
        CreatedAt = at;
    }

    /// <summary>The rules a new installation starts with; the state's experts change them.</summary>
    public static AssessmentRules Default(DateOnly from, DateTimeOffset at) => new(1, from, 6, new Dictionary<TaskFact, int>
    {
        [TaskFact.PhysicalPresence] = 6,
        [TaskFact.PublicDealing] = 3,
        [TaskFact.PhysicalRecords] = 3,
        [TaskFact.ClassifiedData] = 6,
        [TaskFact.SpecialEquipment] = 6,
        [TaskFact.OfficeNetwork] = 6,
        [TaskFact.FieldVisits] = 0,
        [TaskFact.OnEFile] = 2,
    }, null, at);

    public int Id { get; private set; }
    public int Version { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    /// <summary>Working days in an office week (5 in a secretariat with a five-day week, 6 elsewhere).</summary>
    public int WorkingDaysPerWeek { get; private set; }
    public int PresenceDays { get; private set; }
    public int FieldDays { get; private set; }
    public int PublicDealingDays { get; private set; }
    public int PhysicalRecordsDays { get; private set; }
    public int ClassifiedDays { get; private set; }
    public int EquipmentDays { get; private set; }
    public int OfficeNetworkDays { get; private set; }
    /// <summary>Days a week in the office for a task that is not done on e-File (its papers are in the office).</summary>
    public int PaperDays { get; private set; }
    public int? ByPostId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Days a week in the office that one fact asks for (for <see cref="TaskFact.OnEFile"/>: that its absence asks for).</summary>
    public int DaysFor(TaskFact fact) => Math.Min(WorkingDaysPerWeek, fact switch
    {
        TaskFact.PhysicalPresence => PresenceDays,
        TaskFact.FieldVisits => FieldDays,
        TaskFact.PublicDealing => PublicDealingDays,
        TaskFact.PhysicalRecords => PhysicalRecordsDays,
        TaskFact.ClassifiedData => ClassifiedDays,
        TaskFact.SpecialEquipment => EquipmentDays,
        TaskFact.OfficeNetwork => OfficeNetworkDays,
        TaskFact.OnEFile => PaperDays,
        _ => 0,
    });

    public IReadOnlyDictionary<TaskFact, int> OfficeDays => TaskFacts.All.ToDictionary(f => f, DaysFor);

    /// <summary>Why these rules cannot be used, or null.</summary>
    public static WorkFromHomeError? Check(int workingDaysPerWeek, IReadOnlyDictionary<TaskFact, int> officeDays)
    {
        if (workingDaysPerWeek is < 1 or > 7) return new WorkFromHomeError("invalid_week", "A week has from 1 to 7 working days.", "workingDaysPerWeek");
        return officeDays.Values.Any(d => d < 0 || d > workingDaysPerWeek)
            ? new WorkFromHomeError("invalid_days", "Days in the office are from 0 to the working days of a week.", "officeDays")
            : null;
    }
}

/// <summary>One reason for a verdict: a fact of the task and the days it asks for.</summary>
public sealed record AssessmentReason(TaskFact Fact, int OfficeDays);

/// <summary>Where a task can be done and why.</summary>
public sealed record TaskAssessment(Verdict Verdict, int OfficeDays, int HomeDays, IReadOnlyList<AssessmentReason> Reasons);

/// <summary>Where a post's work can be done: the most demanding of its tasks decides, and is named.</summary>
public sealed record PostAssessment(Verdict Verdict, int OfficeDays, int HomeDays, int? DecidingTaskId, int Tasks);

/// <summary>
/// Turns facts into verdicts. The most demanding fact decides (a task that needs the strong room every day is in the
/// office every day, whatever else is true of it); every fact that asks for office days is given as a reason, so the
/// page can say why in a sentence per fact.
/// </summary>
public static class Assessor
{
    /// <summary>Assesses a task; <paramref name="assumeAway"/> are facts taken as no longer true (records digitised, a VPN given).</summary>
    public static TaskAssessment Assess(TaskFact facts, AssessmentRules rules, TaskFact assumeAway = TaskFact.None)
    {
        var effective = facts & ~assumeAway;
        var reasons = new List<AssessmentReason>();
        foreach (var fact in TaskFacts.All)
        {
            if (fact == TaskFact.OnEFile)
            {
                // Not on e-File asks for office days; "assume on e-File" removes that.
                if (!effective.HasFlag(TaskFact.OnEFile) && !assumeAway.HasFlag(TaskFact.OnEFile) && rules.DaysFor(fact) > 0)
                    reasons.Add(new AssessmentReason(fact, rules.DaysFor(fact)));
                continue;
            }
            if (effective.HasFlag(fact) && rules.DaysFor(fact) > 0) reasons.Add(new AssessmentReason(fact, rules.DaysFor(fact)));
        }
        reasons.Sort((a, b) => b.OfficeDays.CompareTo(a.OfficeDays));
        var office = reasons.Count == 0 ? 0 : reasons[0].OfficeDays;
        return new TaskAssessment(VerdictOf(office, rules.WorkingDaysPerWeek), office, rules.WorkingDaysPerWeek - office, reasons);
    }

    public static Verdict VerdictOf(int officeDays, int workingDays) =>
        officeDays <= 0 ? Verdict.Home : officeDays >= workingDays ? Verdict.Office : Verdict.Partly;

    /// <summary>A post's days follow its most demanding task; a post with no task in the catalogue is not assessed (null).</summary>
    public static PostAssessment? AssessPost(IEnumerable<(int TaskId, TaskAssessment Assessment)> tasks, AssessmentRules rules)
    {
        var list = tasks.ToList();
        if (list.Count == 0) return null;
        var deciding = list.OrderByDescending(t => t.Assessment.OfficeDays).ThenBy(t => t.TaskId).First();
        var office = deciding.Assessment.OfficeDays;
        return new PostAssessment(VerdictOf(office, rules.WorkingDaysPerWeek), office, rules.WorkingDaysPerWeek - office,
            office > 0 ? deciding.TaskId : null, list.Count);
    }
}
