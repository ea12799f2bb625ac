namespace Daftar.WorkFromHome;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<WorkPlace>))]
public enum WorkPlace { Office = 1, Home = 2, Field = 3, Leave = 4 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MarkSource>))]
public enum MarkSource { Self = 1, Biometric = 2 }

/// <summary>
/// Where an employee worked on a day, marked by themselves (or filled from a biometric punch). A future day marked
/// <see cref="WorkPlace.Leave"/> is planned leave, which the roster respects.
/// </summary>
[Daftar.Audit.Audited]
public class DailyAttendance
{
    private DailyAttendance() { }

    public DailyAttendance(int employeeId, int? postId, DateOnly date, WorkPlace place, MarkSource source, DateTimeOffset at)
    {
        EmployeeId = employeeId;
        PostId = postId;
        Date = date;
        Place = place;
        Source = source;
        MarkedAt = at;
    }

    public long Id { get; private set; }
    public int EmployeeId { get; private set; }
    public int? PostId { get; private set; }
    public DateOnly Date { get; private set; }
    public WorkPlace Place { get; private set; }
    public MarkSource Source { get; private set; }
    public DateTimeOffset MarkedAt { get; private set; }

    public void Change(WorkPlace place, MarkSource source, DateTimeOffset at)
    {
        Place = place;
        Source = source;
        MarkedAt = at;
    }
}

/// <summary>An employee's account of a day worked from home; their controlling officer reads it and may remark.</summary>
[Daftar.Audit.Audited]
public class WorkReport
{
    private WorkReport() { }

    public WorkReport(int employeeId, int postId, DateOnly date, string text, DateTimeOffset at)
    {
        EmployeeId = employeeId;
        PostId = postId;
        Date = date;
        Text = text;
        SubmittedAt = at;
    }

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    public int PostId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    public string? Remark { get; private set; }
    public int? RemarkedByPostId { get; private set; }
    public DateTimeOffset? RemarkedAt { get; private set; }

    public void Rewrite(string text, DateTimeOffset at)
    {
        Text = text;
        SubmittedAt = at;
    }

    public void RemarkOn(string remark, int byPostId, DateTimeOffset at)
    {
        Remark = remark;
        RemarkedByPostId = byPostId;
        RemarkedAt = at;
    }
}
