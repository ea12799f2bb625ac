using Daftar.People;
using Daftar.Search;

namespace Daftar.Files;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReceiptMode>))]
public enum ReceiptMode { Post = 1, Hand = 2, Email = 3, Electronic = 4 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReceiptStatus>))]
public enum ReceiptStatus { Open = 1, Filed = 2, Closed = 3 }

/// <summary>
/// Inward dak, diarised with a diary number (81829/2026/DOIT-GR1). Like a file it is held by one post at a time;
/// it ends by being put into a file (where it becomes correspondence) or by being closed.
/// </summary>
[Daftar.Audit.Audited("receipt", nameof(Id))]
public class Receipt
{
    private Receipt() { }

    public Receipt(string diaryNumber, Department department, Section section, Post diarisedBy, Employee by, ReceiptParticulars p, DateTimeOffset now)
    {
        DiaryNumber = diaryNumber;
        Department = department;
        Section = section;
        DiarisedByPost = diarisedBy;
        DiarisedByPostId = diarisedBy.Id;
        HolderPost = diarisedBy;
        HolderPostId = diarisedBy.Id;
        Sender = p.Sender;
        LetterNumber = p.LetterNumber;
        LetterDate = p.LetterDate;
        ReceivedOn = p.ReceivedOn;
        Subject = p.Subject;
        Category = p.Category;
        Mode = p.Mode;
        Language = p.Language;
        Grading = p.Grading;
        IsElectronic = p.IsElectronic;
        Status = ReceiptStatus.Open;
        CreatedAt = now;
        Version = Guid.NewGuid();
        SearchText = SearchTerms.Of(diaryNumber, p.Sender, p.LetterNumber, p.Subject, p.Category);
        _movements.Add(new ReceiptMovement(this, diarisedBy, diarisedBy, by, null, now));
    }

    public int Id { get; private set; }
    public string DiaryNumber { get; private set; } = "";
    public int DepartmentId { get; private set; }
    public Department Department { get; private set; } = null!;
    public int SectionId { get; private set; }
    public Section Section { get; private set; } = null!;
    public int DiarisedByPostId { get; private set; }
    public Post DiarisedByPost { get; private set; } = null!;
    public int HolderPostId { get; private set; }
    public Post HolderPost { get; private set; } = null!;
    public string Sender { get; private set; } = "";
    public string? LetterNumber { get; private set; }
    public DateOnly? LetterDate { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public string Subject { get; private set; } = "";
    public string? Category { get; private set; }
    public ReceiptMode Mode { get; private set; }
    public string Language { get; private set; } = "hi";
    public Grading Grading { get; private set; }
    /// <summary>Electronic receipts carry the scanned letter; physical ones are tracked by their particulars only.</summary>
    public bool IsElectronic { get; private set; }
    public ReceiptStatus Status { get; private set; }
    public int? FileId { get; private set; }
    public EFile? File { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid Version { get; private set; }
    /// <summary>Diary number, sender, letter number, subject and category as search words.</summary>
    public string SearchText { get; private set; } = "";
    private readonly List<ReceiptDocument> _documents = [];
    public IReadOnlyList<ReceiptDocument> Documents => _documents;
    private readonly List<ReceiptMovement> _movements = [];
    public IReadOnlyList<ReceiptMovement> Movements => _movements;

    public void Attach(CorrespondenceDocument document)
    {
        _documents.Add(new ReceiptDocument(this, Documents.Count + 1, document));
        Touch();
    }

    public FileError? SendTo(Post from, Post to, Employee by, string? remarks, DateTimeOffset now)
    {
        if (HolderPostId != from.Id) return FileError.NotInYourCustody;
        if (Status != ReceiptStatus.Open) return FileError.ReceiptNotOpen;
        if (from.Id == to.Id) return FileError.SendToSelf;
        _movements.Add(new ReceiptMovement(this, from, to, by, remarks, now));
        HolderPost = to;
        HolderPostId = to.Id;
        Touch();
        return null;
    }

    /// <summary>Puts the receipt into a file held by the same post; it joins the file's correspondence.</summary>
    public FileError? PutInto(EFile file, Post post, DateTimeOffset now)
    {
        if (HolderPostId != post.Id || !file.IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (Status != ReceiptStatus.Open) return FileError.ReceiptNotOpen;
        if (file.Status != FileStatus.Open) return FileError.NotOpen;
        file.AddCorrespondence(this, post, now);
        File = file;
        Status = ReceiptStatus.Filed;
        Touch();
        return null;
    }

    public FileError? Close(Post post)
    {
        if (HolderPostId != post.Id) return FileError.NotInYourCustody;
        if (Status != ReceiptStatus.Open) return FileError.ReceiptNotOpen;
        Status = ReceiptStatus.Closed;
        Touch();
        return null;
    }

    /// <summary>Recomputes the search words (for rows written before search existed, or after the word rules change).</summary>
    public void RefreshSearchText() => SearchText = SearchTerms.Of(DiaryNumber, Sender, LetterNumber, Subject, Category);

    private void Touch() => Version = Guid.NewGuid();
}

public sealed record ReceiptParticulars(string Sender, string? LetterNumber, DateOnly? LetterDate, DateOnly ReceivedOn, string Subject,
    string? Category, ReceiptMode Mode, string Language, Grading Grading, bool IsElectronic);

/// <summary>A scanned page or attachment of a receipt, stored by its SHA-256 in the blob store.</summary>
[Daftar.Audit.Audited("receipt", nameof(ReceiptId))]
public class ReceiptDocument
{
    private ReceiptDocument() { }

    internal ReceiptDocument(Receipt receipt, int order, CorrespondenceDocument document)
    {
        Receipt = receipt;
        Order = order;
        BlobHash = document.BlobHash;
        FileName = document.FileName;
        ContentType = document.ContentType;
        Size = document.Size;
        Pages = document.Pages;
    }

    public int Id { get; private set; }
    public int ReceiptId { get; private set; }
    public Receipt Receipt { get; private set; } = null!;
    public int Order { get; private set; }
    public string BlobHash { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public int Pages { get; private set; } = 1;
}

/// <summary>A stored document: its blob (SHA-256), the name it was uploaded under, the type judged from its bytes, its pages.</summary>
public sealed record CorrespondenceDocument(string BlobHash, string FileName, string ContentType, long Size, int Pages);

[Daftar.Audit.Audited("receipt", nameof(ReceiptId))]
public class ReceiptMovement
{
    private ReceiptMovement() { }

    internal ReceiptMovement(Receipt receipt, Post from, Post to, Employee by, string? remarks, DateTimeOffset at)
    {
        Receipt = receipt;
        FromPost = from;
        FromPostId = from.Id;
        ToPost = to;
        ToPostId = to.Id;
        By = by;
        Remarks = remarks;
        At = at;
    }

    public long Id { get; private set; }
    public int ReceiptId { get; private set; }
    public Receipt Receipt { get; private set; } = null!;
    public int FromPostId { get; private set; }
    public Post FromPost { get; private set; } = null!;
    public int ToPostId { get; private set; }
    public Post ToPost { get; private set; } = null!;
    public int ById { get; private set; }
    public Employee By { get; private set; } = null!;
    public string? Remarks { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>An item on the correspondence side of a file, in order, with its page numbers; the first is the PUC.</summary>
[Daftar.Audit.Audited("file", nameof(FileId))]
public class Correspondence
{
    private Correspondence() { }

    internal Correspondence(EFile file, int order, int firstPage, Receipt receipt, Post addedBy, DateTimeOffset at)
    {
        File = file;
        Order = order;
        FirstPage = firstPage;
        PageCount = Math.Max(1, receipt.Documents.Sum(d => d.Pages));
        Receipt = receipt;
        Title = $"{receipt.DiaryNumber} — {receipt.Subject}";
        AddedByPost = addedBy;
        AddedByPostId = addedBy.Id;
        AddedAt = at;
        IsPuc = order == 1;
    }

    internal Correspondence(EFile file, int order, int firstPage, string title, CorrespondenceDocument document, Post addedBy, DateTimeOffset at)
    {
        File = file;
        Order = order;
        FirstPage = firstPage;
        PageCount = Math.Max(1, document.Pages);
        Title = title;
        BlobHash = document.BlobHash;
        FileName = document.FileName;
        ContentType = document.ContentType;
        Size = document.Size;
        AddedByPost = addedBy;
        AddedByPostId = addedBy.Id;
        AddedAt = at;
    }

    public int Id { get; private set; }
    public int FileId { get; private set; }
    public EFile File { get; private set; } = null!;
    public int Order { get; private set; }
    /// <summary>Page numbers run on through the correspondence, as they would in a paper file.</summary>
    public int FirstPage { get; private set; }
    public int PageCount { get; private set; }
    public int? ReceiptId { get; private set; }
    public Receipt? Receipt { get; private set; }
    public string Title { get; private set; } = "";
    public int AddedByPostId { get; private set; }
    public Post AddedByPost { get; private set; } = null!;
    public DateTimeOffset AddedAt { get; private set; }
    /// <summary>Paper under consideration: the first receipt that opened the matter.</summary>
    public bool IsPuc { get; internal set; }
    /// <summary>Fresh receipt: arrived after the file was opened and not yet dealt with in a note.</summary>
    public bool IsFr { get; internal set; }
    /// <summary>For a document uploaded straight into the file (not through a receipt): its blob, name, type and size.</summary>
    public string? BlobHash { get; private set; }
    public string? FileName { get; private set; }
    public string? ContentType { get; private set; }
    public long? Size { get; private set; }

    /// <summary>A later signature was added to this issued letter: the item now shows the PDF that carries it.</summary>
    internal void Resigned(string blobHash, long size)
    {
        BlobHash = blobHash;
        Size = size;
    }
}
