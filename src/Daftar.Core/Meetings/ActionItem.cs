using Daftar.People;

namespace Daftar.Meetings;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ActionStatus>))]
public enum ActionStatus { Open = 1, InProgress = 2, Done = 3, Dropped = 4 }

/// <summary>
/// A decision to act (कार्यवाही बिंदु), assigned to a post with a due date and followed to closure: updates from the
/// post, a link to the e-file where the work is done, reminders when overdue.
/// </summary>
[Daftar.Audit.Audited]
public class ActionItem
{
    private ActionItem() { }

    public ActionItem(Meeting meeting, MeetingOccurrence? occurrence, string text, Post assignee, DateOnly dueOn, Post createdBy, DateTimeOffset now)
    {
        Meeting = meeting;
        Occurrence = occurrence;
        Text = text;
        AssigneePost = assignee;
        DueOn = dueOn;
        CreatedByPostId = createdBy.Id;
        CreatedAt = now;
        Status = ActionStatus.Open;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public Meeting Meeting { get; private set; } = null!;
    public int? OccurrenceId { get; private set; }
    public MeetingOccurrence? Occurrence { get; private set; }
    public string Text { get; private set; } = "";
    public int AssigneePostId { get; private set; }
    public Post AssigneePost { get; private set; } = null!;
    public DateOnly DueOn { get; private set; }
    public ActionStatus Status { get; private set; }
    public int? FileId { get; private set; }
    public int CreatedByPostId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public DateOnly? LastRemindedOn { get; private set; }
    public Guid Version { get; private set; }
    private readonly List<ActionUpdate> _updates = [];
    public IReadOnlyList<ActionUpdate> Updates => _updates;

    public bool IsClosed => Status is ActionStatus.Done or ActionStatus.Dropped;

    public bool IsOverdue(DateOnly today) => !IsClosed && DueOn < today;

    public MeetingError? Report(Post post, Employee by, ActionStatus status, string? text, DateTimeOffset now, DateOnly today)
    {
        if (IsClosed) return Closed;
        _updates.Add(new ActionUpdate(this, post, by, status, text, now));
        Status = status;
        ClosedOn = IsClosed ? today : null;
        Version = Guid.NewGuid();
        return null;
    }

    public void Reassign(Post post, DateOnly dueOn)
    {
        AssigneePost = post;
        AssigneePostId = post.Id;
        DueOn = dueOn;
        Version = Guid.NewGuid();
    }

    public void LinkFile(int fileId)
    {
        FileId = fileId;
        Version = Guid.NewGuid();
    }

    public void Reminded(DateOnly today) => LastRemindedOn = today;

    public static readonly MeetingError Closed = new("action_closed", "This action item is already closed.");
}

[Daftar.Audit.Audited("action-item", nameof(ActionItemId))]
public class ActionUpdate
{
    private ActionUpdate() { }

    internal ActionUpdate(ActionItem item, Post post, Employee by, ActionStatus status, string? text, DateTimeOffset now)
    {
        ActionItem = item;
        PostId = post.Id;
        EmployeeId = by.Id;
        Status = status;
        Text = text;
        At = now;
    }

    public int Id { get; private set; }
    public int ActionItemId { get; private set; }
    public ActionItem ActionItem { get; private set; } = null!;
    public int PostId { get; private set; }
    public int EmployeeId { get; private set; }
    public ActionStatus Status { get; private set; }
    public string? Text { get; private set; }
    public DateTimeOffset At { get; private set; }
}
