namespace Daftar.WorkFromHome;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RosterStatus>))]
public enum RosterStatus { Draft = 1, Published = 2 }

/// <summary>Who of an office comes in on which day over a period; made by <see cref="RosterPlanner"/>, edited by the office head, then published.</summary>
[Daftar.Audit.Audited]
public class Roster
{
    private Roster() { }

    public Roster(int officeId, DateOnly from, DateOnly to, int? orderId, int cap, int byPostId, DateTimeOffset at)
    {
        OfficeId = officeId;
        From = from;
        To = to;
        OrderId = orderId;
        Cap = cap;
        ByPostId = byPostId;
        CreatedAt = at;
        Status = RosterStatus.Draft;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int OfficeId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public int? OrderId { get; private set; }
    /// <summary>People allowed in the office on a day when the roster was made.</summary>
    public int Cap { get; private set; }
    public RosterStatus Status { get; private set; }
    public int ByPostId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public Guid Version { get; private set; }

    private readonly List<RosterEntry> entries = [];
    public IReadOnlyList<RosterEntry> Entries => entries;

    public void Fill(RosterPlan plan, IReadOnlyDictionary<int, (int PostId, RosterRule Rule)> people)
    {
        entries.Clear();
        foreach (var (day, present) in plan.InOffice)
        {
            foreach (var employee in present)
            {
                var (post, rule) = people[employee];
                entries.Add(new RosterEntry(day, employee, post, rule));
            }
        }
        Version = Guid.NewGuid();
    }

    /// <summary>The office head puts someone in or takes them out on a day; the caller re-checks the constraints.</summary>
    public WorkFromHomeError? Edit(DateOnly day, int employeeId, int postId, RosterRule rule, bool inOffice)
    {
        if (Status == RosterStatus.Published) return WorkFromHomeError.RosterPublished;
        if (day < From || day > To) return WorkFromHomeError.DayOutside;
        var existing = entries.FirstOrDefault(e => e.Day == day && e.EmployeeId == employeeId);
        if (inOffice && existing is null) entries.Add(new RosterEntry(day, employeeId, postId, rule) { Edited = true });
        if (!inOffice && existing is not null) entries.Remove(existing);
        Version = Guid.NewGuid();
        return null;
    }

    public WorkFromHomeError? Publish(DateTimeOffset at)
    {
        if (Status == RosterStatus.Published) return WorkFromHomeError.RosterPublished;
        Status = RosterStatus.Published;
        PublishedAt = at;
        Version = Guid.NewGuid();
        return null;
    }

    public IReadOnlyDictionary<DateOnly, IReadOnlySet<int>> InOffice(IEnumerable<DateOnly> days) =>
        days.ToDictionary(d => d, d => (IReadOnlySet<int>)entries.Where(e => e.Day == d).Select(e => e.EmployeeId).ToHashSet());
}

/// <summary>One person in the office on one day of a roster.</summary>
[Daftar.Audit.Audited("roster", nameof(RosterId))]
public class RosterEntry
{
    private RosterEntry() { }

    public RosterEntry(DateOnly day, int employeeId, int postId, RosterRule rule)
    {
        Day = day;
        EmployeeId = employeeId;
        PostId = postId;
        Rule = rule;
    }

    public long Id { get; private set; }
    public int RosterId { get; private set; }
    public DateOnly Day { get; private set; }
    public int EmployeeId { get; private set; }
    public int PostId { get; private set; }
    public RosterRule Rule { get; private set; }
    /// <summary>Put in by the office head's edit, not by the planner.</summary>
    public bool Edited { get; init; }
}
