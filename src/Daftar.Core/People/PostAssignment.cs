namespace Daftar.People;

/// <summary>An employee holding a post, as its regular holder or as additional charge, for a span of dates.</summary>
[Daftar.Audit.Audited]
public class PostAssignment
{
    private PostAssignment() { }

    internal PostAssignment(Employee employee, Post post, ChargeKind kind, DateOnly from, DateOnly? to)
    {
        Employee = employee;
        Post = post;
        Kind = kind;
        From = from;
        To = to;
    }

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    public Employee Employee { get; private set; } = null!;
    public int PostId { get; private set; }
    public Post Post { get; private set; } = null!;
    public ChargeKind Kind { get; private set; }
    public DateOnly From { get; private set; }
    /// <summary>Last day held; null while the posting is open-ended.</summary>
    public DateOnly? To { get; private set; }

    public bool IsCurrentOn(DateOnly day) => From <= day && (To is null || To >= day);

    public bool Overlaps(DateOnly from, DateOnly? to) =>
        (to is null || From <= to) && (To is null || To >= from);

    public void End(DateOnly lastDay) => To = lastDay < From ? From : lastDay;
}

/// <summary>The questions asked of postings again and again, written once.</summary>
public static class PostAssignmentQueries
{
    /// <summary>Primary postings (not additional charge) held on at least one day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IQueryable<PostAssignment> PrimaryDuring(this IQueryable<PostAssignment> assignments, DateOnly from, DateOnly to) =>
        assignments.Where(a => a.Kind == ChargeKind.Primary && a.From <= to && (a.To == null || a.To >= from));

    /// <summary>Primary postings held on <paramref name="day"/>: who holds each post that day.</summary>
    public static IQueryable<PostAssignment> PrimaryOn(this IQueryable<PostAssignment> assignments, DateOnly day) => assignments.PrimaryDuring(day, day);
}
