using Daftar.People;

namespace Daftar.Files;

/// <summary>One step in a file's life: created, sent from one post to another, pulled back, parked, closed, reopened.</summary>
[Daftar.Audit.Audited("file", nameof(FileId))]
public class Movement
{
    private Movement() { }

    internal Movement(EFile file, MovementKind kind, Post from, Post to, Employee by, string? remarks, Priority priority, DateOnly? dueOn, DateTimeOffset at)
    {
        File = file;
        Kind = kind;
        FromPost = from;
        FromPostId = from.Id;
        ToPost = to;
        ToPostId = to.Id;
        By = by;
        Remarks = remarks;
        Priority = priority;
        DueOn = dueOn;
        At = at;
    }

    public long Id { get; private set; }
    public int FileId { get; private set; }
    public EFile File { get; private set; } = null!;
    public MovementKind Kind { get; private set; }
    public int FromPostId { get; private set; }
    public Post FromPost { get; private set; } = null!;
    public int ToPostId { get; private set; }
    public Post ToPost { get; private set; } = null!;
    public int ById { get; private set; }
    public Employee By { get; private set; } = null!;
    public string? Remarks { get; private set; }
    public Priority Priority { get; private set; }
    public DateOnly? DueOn { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>When the receiving post first opened the file; until then the sender may pull it back.</summary>
    public DateTimeOffset? OpenedAt { get; internal set; }
    public DateTimeOffset? PulledBackAt { get; internal set; }
}

/// <summary>A post that has held the file (or created it): such posts keep seeing it after it moves on.</summary>
public class FileParticipant
{
    private FileParticipant() { }

    internal FileParticipant(EFile file, Post post)
    {
        File = file;
        Post = post;
        PostId = post.Id;
    }

    public int FileId { get; private set; }
    public EFile File { get; private set; } = null!;
    public int PostId { get; private set; }
    public Post Post { get; private set; } = null!;
}

/// <summary>A counter that hands out numbers inside the business transaction, so a failed attempt leaves no gap.</summary>
public class NumberSequence
{
    private NumberSequence() { }

    public NumberSequence(string key, long next)
    {
        Key = key;
        Next = next;
    }

    public string Key { get; private set; } = "";
    public long Next { get; private set; }
}

/// <summary>A subject head of a department's file classification, e.g. 12 = "e-Governance" in F.12(3)/DOIT/GR-1/2026.</summary>
[Daftar.Audit.Audited]
public class FileHead
{
    private FileHead() { }

    public FileHead(Department department, int number, string nameEn, string nameHi)
    {
        Department = department;
        Number = number;
        NameEn = nameEn;
        NameHi = nameHi;
    }

    public int Id { get; private set; }
    public int DepartmentId { get; private set; }
    public Department Department { get; private set; } = null!;
    public int Number { get; private set; }
    public string NameEn { get; private set; } = "";
    public string NameHi { get; private set; } = "";
}
