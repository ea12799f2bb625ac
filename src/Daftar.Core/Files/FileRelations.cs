using Daftar.People;

namespace Daftar.Files;

/// <summary>Two files about related matters, linked so that each is found from the other ("see also F.12(3)…").</summary>
[Daftar.Audit.Audited("file", nameof(FileId))]
public class FileLink
{
    private FileLink() { }

    internal FileLink(EFile file, EFile linked, Post by, string? remarks, DateTimeOffset at)
    {
        File = file;
        LinkedFile = linked;
        LinkedFileId = linked.Id;
        ByPost = by;
        ByPostId = by.Id;
        Remarks = remarks;
        At = at;
    }

    public int FileId { get; private set; }
    public EFile File { get; private set; } = null!;
    public int LinkedFileId { get; private set; }
    public EFile LinkedFile { get; private set; } = null!;
    public int ByPostId { get; private set; }
    public Post ByPost { get; private set; } = null!;
    public string? Remarks { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// A post the file was shared with for reading ("copy for information"): it sees the file and its note sheet but does
/// not hold it and cannot act on it. Only files of normal grading can be shared.
/// </summary>
[Daftar.Audit.Audited("file", nameof(FileId))]
public class SharedWith
{
    private SharedWith() { }

    internal SharedWith(EFile file, Post with, Post by, Employee byEmployee, string? remarks, DateTimeOffset at)
    {
        File = file;
        Post = with;
        PostId = with.Id;
        ByPost = by;
        ByPostId = by.Id;
        ById = byEmployee.Id;
        Remarks = remarks;
        At = at;
    }

    public int FileId { get; private set; }
    public EFile File { get; private set; } = null!;
    public int PostId { get; private set; }
    public Post Post { get; private set; } = null!;
    public int ByPostId { get; private set; }
    public Post ByPost { get; private set; } = null!;
    public int ById { get; private set; }
    public string? Remarks { get; private set; }
    public DateTimeOffset At { get; private set; }
}
