using Daftar.People;

namespace Daftar.Files;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DraftKind>))]
public enum DraftKind { Letter = 1, OfficeOrder = 2, Memorandum = 3, Notice = 4, Minutes = 5 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DraftLanguage>))]
public enum DraftLanguage { Hindi = 1, English = 2, Both = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DraftStatus>))]
public enum DraftStatus { Open = 1, Approved = 2, Issued = 3 }

/// <summary>What a version of a draft says: subject, body (paragraphs, simple lists), addressee and reference.</summary>
public sealed record DraftContent(string Subject, string Body, string? Addressee, string? Reference);

/// <summary>
/// A draft for approval (DFA) inside a file: a letter, order, memorandum, notice or minutes, edited as the file moves
/// up, every version kept with its author post and time. The approving officer approves one version; from then on the
/// draft cannot change, and that version is what is issued.
/// </summary>
public class Draft
{
    private Draft() { }

    internal Draft(EFile file, DraftKind kind, DraftLanguage language, Post post, Employee by, DraftContent content, DateTimeOffset now)
    {
        File = file;
        Kind = kind;
        Language = language;
        Status = DraftStatus.Open;
        CreatedByPost = post;
        CreatedByPostId = post.Id;
        CreatedAt = now;
        _versions.Add(new DraftVersion(this, 1, content, post, by, now));
    }

    public int Id { get; private set; }
    public int FileId { get; private set; }
    public EFile File { get; private set; } = null!;
    public DraftKind Kind { get; private set; }
    public DraftLanguage Language { get; private set; }
    public DraftStatus Status { get; private set; }
    public int CreatedByPostId { get; private set; }
    public Post CreatedByPost { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public int? ApprovedVersionNumber { get; private set; }
    public int? ApprovedByPostId { get; private set; }
    public int? ApprovedById { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    private readonly List<DraftVersion> _versions = [];
    public IReadOnlyList<DraftVersion> Versions => _versions;

    public DraftVersion Latest => Versions.MaxBy(v => v.Number)!;

    public DraftVersion? Approved => ApprovedVersionNumber is { } n ? Versions.Single(v => v.Number == n) : null;

    internal FileError? Revise(Post post, Employee by, DraftContent content, DateTimeOffset now)
    {
        if (Status != DraftStatus.Open) return DraftErrors.Approved;
        _versions.Add(new DraftVersion(this, Latest.Number + 1, content, post, by, now));
        return null;
    }

    internal FileError? Approve(Post post, Employee by, int versionNumber, DateTimeOffset now)
    {
        if (Status != DraftStatus.Open) return DraftErrors.Approved;
        if (Versions.All(v => v.Number != versionNumber)) return DraftErrors.NoSuchVersion;
        // The approving officer is senior to the post that began the draft: a clerk does not approve their own letter.
        if (post.Level >= CreatedByPost.Level) return DraftErrors.CannotApprove;
        Status = DraftStatus.Approved;
        ApprovedVersionNumber = versionNumber;
        ApprovedByPostId = post.Id;
        ApprovedById = by.Id;
        ApprovedAt = now;
        return null;
    }

    internal FileError? MarkIssued()
    {
        if (Status == DraftStatus.Issued) return DraftErrors.AlreadyIssued;
        if (Status != DraftStatus.Approved) return DraftErrors.NotApproved;
        Status = DraftStatus.Issued;
        return null;
    }
}

public class DraftVersion
{
    private DraftVersion() { }

    internal DraftVersion(Draft draft, int number, DraftContent content, Post author, Employee by, DateTimeOffset now)
    {
        Draft = draft;
        Number = number;
        Subject = content.Subject;
        Body = content.Body;
        Addressee = content.Addressee;
        Reference = content.Reference;
        AuthorPost = author;
        AuthorPostId = author.Id;
        Author = by;
        AuthorId = by.Id;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public int DraftId { get; private set; }
    public Draft Draft { get; private set; } = null!;
    public int Number { get; private set; }
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? Addressee { get; private set; }
    public string? Reference { get; private set; }
    public int AuthorPostId { get; private set; }
    public Post AuthorPost { get; private set; } = null!;
    public int AuthorId { get; private set; }
    public Employee Author { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }

    public DraftContent Content => new(Subject, Body, Addressee, Reference);
}

/// <summary>
/// An approved draft issued as a numbered, signed letter: its number from the section's dispatch register, the signed
/// PDF (a blob), and the short code printed with its QR code, by which anyone can verify it.
/// </summary>
public class IssuedLetter
{
    private IssuedLetter() { }

    public IssuedLetter(Draft draft, string letterNumber, string verificationCode, Post post, Employee by, string pdfHash, long pdfSize, DateTimeOffset now)
    {
        Draft = draft;
        File = draft.File;
        LetterNumber = letterNumber;
        VerificationCode = verificationCode;
        IssuedByPost = post;
        IssuedByPostId = post.Id;
        IssuedBy = by;
        IssuedById = by.Id;
        IssuedAt = now;
        PdfHash = pdfHash;
        PdfSize = pdfSize;
        Subject = draft.Approved!.Subject;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int DraftId { get; private set; }
    public Draft Draft { get; private set; } = null!;
    public int FileId { get; private set; }
    public EFile File { get; private set; } = null!;
    public string LetterNumber { get; private set; } = "";
    public string VerificationCode { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public int IssuedByPostId { get; private set; }
    public Post IssuedByPost { get; private set; } = null!;
    public int IssuedById { get; private set; }
    public Employee IssuedBy { get; private set; } = null!;
    public DateTimeOffset IssuedAt { get; private set; }
    /// <summary>The current signed PDF: replaced when another officer adds a signature (each one an incremental update of the last).</summary>
    public string PdfHash { get; private set; } = "";
    public long PdfSize { get; private set; }
    public int Signatures { get; private set; } = 1;
    public Guid Version { get; private set; }

    public void CoSigned(string pdfHash, long pdfSize)
    {
        PdfHash = pdfHash;
        PdfSize = pdfSize;
        Signatures++;
        Version = Guid.NewGuid();
    }
}

public static class DraftErrors
{
    public static readonly FileError Approved = new("draft_approved", "The draft has been approved, and an approved draft never changes.");
    public static readonly FileError NoSuchVersion = new("no_such_version", "The draft has no such version.", FileRefusal.Invalid);
    public static readonly FileError CannotApprove = new("cannot_approve", "A draft is approved by an officer senior to the post that began it.");
    public static readonly FileError NotApproved = new("draft_not_approved", "Only an approved draft can be issued.");
    public static readonly FileError AlreadyIssued = new("draft_issued", "This draft has already been issued.");
}
