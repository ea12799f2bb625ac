using Daftar.People;
using Daftar.Search;

namespace Daftar.Files;

/// <summary>
/// An e-file: a note sheet and correspondence that move between posts. Exactly one post holds it at a time, and
/// only that post acts on it. Every change bumps <see cref="Version"/>, so two officers acting on one file at the
/// same moment cannot both succeed.
/// </summary>
[Daftar.Audit.Audited("file", nameof(Id))]
public class EFile
{
    private EFile() { }

    public EFile(long computerNumber, string fileNumber, string subject, string? category, FileKind kind, Grading grading,
        RetentionCategory retention, int? retentionYears, Department department, Section section, Post creator, Employee by, DateTimeOffset now)
    {
        ComputerNumber = computerNumber;
        FileNumber = fileNumber;
        Subject = subject;
        Category = category;
        Kind = kind;
        Grading = grading;
        Retention = retention;
        RetentionYears = retention == RetentionCategory.A ? null : retentionYears;
        Department = department;
        Section = section;
        CreatedByPost = creator;
        CreatedByPostId = creator.Id;
        CreatedAt = now;
        CreatedOn = DateOnly.FromDateTime(now.ToOffset(IndianTime).DateTime);
        HolderPost = creator;
        HolderPostId = creator.Id;
        HeldSince = now;
        Status = FileStatus.Open;
        Version = Guid.NewGuid();
        SearchText = SearchTerms.Of(fileNumber, computerNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), subject, category);
        var created = new Movement(this, MovementKind.Created, creator, creator, by, null, Priority.Normal, null, now) { OpenedAt = now };
        Move(created);
        Arrive(created);
        _participants.Add(new FileParticipant(this, creator));
    }

    public int Id { get; private set; }
    /// <summary>The running number every file gets, whatever its department: what clerks quote on the phone.</summary>
    public long ComputerNumber { get; private set; }
    public string FileNumber { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? Category { get; private set; }
    public FileKind Kind { get; private set; }
    public Grading Grading { get; private set; }
    public RetentionCategory Retention { get; private set; }
    public int? RetentionYears { get; private set; }
    public FileStatus Status { get; private set; }
    public int DepartmentId { get; private set; }
    public Department Department { get; private set; } = null!;
    public int SectionId { get; private set; }
    public Section Section { get; private set; } = null!;
    public int CreatedByPostId { get; private set; }
    public Post CreatedByPost { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>The date the file was opened, in Indian time: what date filters and registers go by.</summary>
    public DateOnly CreatedOn { get; private set; }
    public int HolderPostId { get; private set; }
    public Post HolderPost { get; private set; } = null!;
    public DateTimeOffset HeldSince { get; private set; }
    /// <summary>Optimistic concurrency token: changed by every action on the file.</summary>
    public Guid Version { get; private set; }

    // How the file reached its holder, kept on the file itself so that an inbox is one indexed read of Files (the
    // movement it copies stays the record; these follow every send, pull-back and opening).
    public MovementKind ArrivalKind { get; private set; }
    public int ArrivedFromPostId { get; private set; }
    public int ArrivedById { get; private set; }
    public DateTimeOffset ArrivedAt { get; private set; }
    public Priority ArrivalPriority { get; private set; }
    public DateOnly? ArrivalDueOn { get; private set; }
    public string? ArrivalRemarks { get; private set; }
    public DateTimeOffset? ArrivalOpenedAt { get; private set; }

    private readonly List<Note> _notes = [];
    public IReadOnlyList<Note> Notes => _notes;
    /// <summary>
    /// The number of the last green note: the next one gets the number after it. Kept on the file so that writing,
    /// confirming a note or sending the file needs only the yellow drafts, not every note with its text.
    /// </summary>
    public int LastNoteNumber { get; private set; }
    private readonly List<Movement> _movements = [];
    public IReadOnlyList<Movement> Movements => _movements;
    /// <summary>
    /// How many movements the file has had. Kept on the file (as <see cref="LastNoteNumber"/> is) so that showing the newest
    /// movements of a long file, and the transaction level of an office's files, need not count its history.
    /// </summary>
    public int MovementCount { get; private set; }
    private readonly List<FileParticipant> _participants = [];
    public IReadOnlyList<FileParticipant> Participants => _participants;
    private readonly List<Correspondence> _correspondence = [];
    public IReadOnlyList<Correspondence> Correspondence => _correspondence;
    /// <summary>Links made from this file; links made from other files to this one are found through <see cref="FileLink.LinkedFileId"/>.</summary>
    private readonly List<FileLink> _links = [];
    public IReadOnlyList<FileLink> Links => _links;
    private readonly List<SharedWith> _shares = [];
    public IReadOnlyList<SharedWith> Shares => _shares;
    private readonly List<Draft> _drafts = [];
    public IReadOnlyList<Draft> Drafts => _drafts;
    /// <summary>
    /// The file's signature policy: notes by posts at this level or more senior (a smaller or equal level number) must be
    /// digitally signed before the file moves on. Null when the file needs no signatures.
    /// </summary>
    public int? SignNotesAtLevel { get; private set; }
    /// <summary>The file number, computer number, subject and category as search words (<see cref="SearchTerms"/>).</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>Recomputes the search words (for rows written before search existed, or after the word rules change).</summary>
    public void RefreshSearchText() =>
        SearchText = SearchTerms.Of(FileNumber, ComputerNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Subject, Category);

    private static readonly TimeSpan IndianTime = TimeSpan.FromMinutes(330);

    public bool IsHeldBy(int postId) => HolderPostId == postId;

    public void RequireSignedNotes(int? level) => SignNotesAtLevel = level is > 0 ? level : null;

    /// <summary>Whether the post's notes on this file must be signed (the file's policy covers its level).</summary>
    public bool RequiresSignatureFrom(Post post) => SignNotesAtLevel is { } level && post.Level <= level;

    /// <summary>The movement that brought the file to its holder: the last send (or pull-back), if any.</summary>
    public Movement? LastArrival => Movements.Where(m => m.Kind is MovementKind.Sent or MovementKind.PulledBack)
        .OrderBy(m => m.At).ThenBy(m => m.Id == 0 ? long.MaxValue : m.Id).LastOrDefault();

    public FileError? SaveDraftNote(Post author, Employee by, string text, string html, DateTimeOffset now, out Note note)
    {
        note = null!;
        if (!IsHeldBy(author.Id)) return FileError.NotInYourCustody;
        if (Status != FileStatus.Open) return FileError.NotOpen;
        if (string.IsNullOrWhiteSpace(text)) return FileError.EmptyNote;
        var draft = Notes.SingleOrDefault(n => !n.IsConfirmed && n.AuthorPostId == author.Id);
        if (draft is null)
        {
            draft = new Note(this, author, by, text, html, now);
            _notes.Add(draft);
        }
        else
        {
            draft.Edit(by, text, html, now);
        }
        note = draft;
        Touch();
        return null;
    }

    public FileError? DiscardDraft(Note note, Post post)
    {
        if (note.IsConfirmed) return FileError.NoteConfirmed;
        if (note.AuthorPostId != post.Id) return FileError.NotYourDraft;
        _notes.Remove(note);
        Touch();
        return null;
    }

    public FileError? ConfirmNote(Note note, Post post, DateTimeOffset now)
    {
        if (note.IsConfirmed) return FileError.NoteConfirmed;
        if (note.AuthorPostId != post.Id) return FileError.NotYourDraft;
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        note.Confirm(NextNoteNumber(), now);
        Touch();
        return null;
    }

    /// <summary>
    /// Sends the file to another post; the sender's draft note is confirmed first, as on paper. When the file's policy
    /// covers the sender's level, their notes must be signed before it moves on: a yellow draft of theirs (it would go
    /// unsigned) or <paramref name="unsignedGreenNotes"/> — green notes of theirs without a signature, a fact the
    /// signature store gives — refuses the send.
    /// </summary>
    public FileError? SendTo(Post from, Post to, Employee by, string? remarks, Priority priority, DateOnly? dueOn, DateTimeOffset now,
        bool unsignedGreenNotes = false)
    {
        if (!IsHeldBy(from.Id)) return FileError.NotInYourCustody;
        if (RequiresSignatureFrom(from) && (unsignedGreenNotes || Notes.Any(n => !n.IsConfirmed && n.AuthorPostId == from.Id)))
            return FileError.SignBeforeSending;
        if (Status != FileStatus.Open) return FileError.NotOpen;
        if (from.Id == to.Id) return FileError.SendToSelf;
        foreach (var draft in Notes.Where(n => !n.IsConfirmed && n.AuthorPostId == from.Id).ToList())
            draft.Confirm(NextNoteNumber(), now);
        var sent = new Movement(this, MovementKind.Sent, from, to, by, remarks, priority, dueOn, now);
        Move(sent);
        Arrive(sent);
        HolderPost = to;
        HolderPostId = to.Id;
        HeldSince = now;
        if (Participants.All(p => p.PostId != to.Id)) _participants.Add(new FileParticipant(this, to));
        Touch();
        return null;
    }

    /// <summary>The holder opened the file: from now on the sender cannot pull it back.</summary>
    public bool MarkOpened(int postId, DateTimeOffset now)
    {
        if (!IsHeldBy(postId) || LastArrival is not { OpenedAt: null } arrival || arrival.ToPostId != postId) return false;
        arrival.OpenedAt = now;
        ArrivalOpenedAt = now;
        Touch();
        return true;
    }

    public FileError? PullBack(Post post, Employee by, DateTimeOffset now)
    {
        var last = LastArrival;
        if (last is null || last.Kind != MovementKind.Sent || last.FromPostId != post.Id || last.ToPostId != HolderPostId)
            return FileError.NothingToPullBack;
        if (last.OpenedAt is not null) return FileError.AlreadyOpened;
        last.PulledBackAt = now;
        var back = new Movement(this, MovementKind.PulledBack, last.ToPost, post, by, null, last.Priority, last.DueOn, now) { OpenedAt = now };
        Move(back);
        Arrive(back);
        HolderPost = post;
        HolderPostId = post.Id;
        HeldSince = now;
        Touch();
        return null;
    }

    public FileError? Park(Post post, Employee by, string? remarks, DateTimeOffset now) =>
        ChangeStatus(post, by, FileStatus.Open, FileStatus.Parked, MovementKind.Parked, FileError.NotOpen, remarks, now);

    public FileError? Unpark(Post post, Employee by, DateTimeOffset now) =>
        ChangeStatus(post, by, FileStatus.Parked, FileStatus.Open, MovementKind.Unparked, FileError.NotParked, null, now);

    /// <summary>Closed by the post that created the file or by a post senior to it (a smaller level number).</summary>
    public FileError? Close(Post post, Employee by, string? remarks, DateTimeOffset now)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (post.Id != CreatedByPostId && post.Level >= CreatedByPost.Level) return FileError.CannotClose;
        return ChangeStatus(post, by, FileStatus.Open, FileStatus.Closed, MovementKind.Closed, FileError.NotOpen, remarks, now);
    }

    public FileError? Reopen(Post post, Employee by, string? remarks, DateTimeOffset now) =>
        ChangeStatus(post, by, FileStatus.Closed, FileStatus.Open, MovementKind.Reopened, FileError.NotClosed, remarks, now);

    private FileError? ChangeStatus(Post post, Employee by, FileStatus from, FileStatus to, MovementKind kind, FileError wrongStatus, string? remarks, DateTimeOffset now)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (Status != from) return wrongStatus;
        Status = to;
        Move(new Movement(this, kind, post, post, by, remarks, Priority.Normal, null, now) { OpenedAt = now });
        Touch();
        return null;
    }

    internal void AddCorrespondence(Receipt receipt, Post post, DateTimeOffset now)
    {
        var (order, firstPage) = NextCorrespondenceSlot();
        var item = new Correspondence(this, order, firstPage, receipt, post, now);
        item.IsFr = item.Order > 1;
        _correspondence.Add(item);
        Touch();
    }

    /// <summary>An uploaded document (a copy of an order, a report, a photograph) joins the correspondence after the receipts.</summary>
    public FileError? AttachDocument(Post post, string title, CorrespondenceDocument document, DateTimeOffset now, out Correspondence item)
    {
        item = null!;
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (Status != FileStatus.Open) return FileError.NotOpen;
        item = AddDocument(post, title, document, now);
        return null;
    }

    private Correspondence AddDocument(Post post, string title, CorrespondenceDocument document, DateTimeOffset now)
    {
        var (order, firstPage) = NextCorrespondenceSlot();
        var item = new Correspondence(this, order, firstPage, title, document, post, now);
        _correspondence.Add(item);
        Touch();
        return item;
    }

    /// <summary>A new draft for approval, begun by the holder.</summary>
    public FileError? StartDraft(Post post, Employee by, DraftKind kind, DraftLanguage language, DraftContent content, DateTimeOffset now, out Draft draft)
    {
        draft = null!;
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (Status != FileStatus.Open) return FileError.NotOpen;
        draft = new Draft(this, kind, language, post, by, content, now);
        _drafts.Add(draft);
        Touch();
        return null;
    }

    /// <summary>A new version of a draft, by the holder, while it is not yet approved.</summary>
    public FileError? ReviseDraft(Draft draft, Post post, Employee by, DraftContent content, DateTimeOffset now)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (Status != FileStatus.Open) return FileError.NotOpen;
        if (draft.Revise(post, by, content, now) is { } refused) return refused;
        Touch();
        return null;
    }

    public FileError? ApproveDraft(Draft draft, Post post, Employee by, int versionNumber, DateTimeOffset now)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (draft.Approve(post, by, versionNumber, now) is { } refused) return refused;
        Touch();
        return null;
    }

    /// <summary>The approved draft leaves as a signed letter, which joins the correspondence.</summary>
    public FileError? IssueDraft(Draft draft, Post post, string title, CorrespondenceDocument letter, DateTimeOffset now, out Correspondence item)
    {
        item = null!;
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (draft.MarkIssued() is { } refused) return refused;
        item = AddDocument(post, title, letter, now);
        return null;
    }

    /// <summary>
    /// Another officer's signature on a letter issued from this file (a joint order): only the holder signs, and the
    /// correspondence shows the PDF with every signature.
    /// </summary>
    public FileError? CoSignLetter(IssuedLetter letter, Post post, string blobHash, long size)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        var item = Correspondence.FirstOrDefault(c => c.BlobHash == letter.PdfHash);
        item?.Resigned(blobHash, size);
        letter.CoSigned(blobHash, size);
        Touch();
        return null;
    }

    /// <summary>The holder marks which paper is under consideration (PUC) and which fresh receipts (FR) still wait to be dealt with.</summary>
    public FileError? MarkCorrespondence(Post post, int order, bool isPuc, bool isFr)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (Correspondence.SingleOrDefault(c => c.Order == order) is not { } item) return FileError.NoSuchCorrespondence;
        item.IsPuc = isPuc;
        item.IsFr = isFr;
        Touch();
        return null;
    }

    public FileError? LinkTo(EFile other, Post post, string? remarks, DateTimeOffset now)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (other.Id == Id) return FileError.LinkToSelf;
        if (Links.Any(l => l.LinkedFileId == other.Id) || other.Links.Any(l => l.LinkedFileId == Id)) return FileError.AlreadyLinked;
        _links.Add(new FileLink(this, other, post, remarks, now));
        Touch();
        return null;
    }

    /// <summary>Removes a link in either direction; the file on this side must be held by the post.</summary>
    public FileError? Unlink(EFile other, Post post)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        var link = Links.SingleOrDefault(l => l.LinkedFileId == other.Id) ?? other.Links.SingleOrDefault(l => l.LinkedFileId == Id);
        if (link is null) return FileError.NotLinked;
        if (link.FileId == Id) _links.Remove(link); else other._links.Remove(link);
        Touch();
        return null;
    }

    /// <summary>Gives another post read access ("copy for information"). Confidential and secret files stay within their chain.</summary>
    public FileError? ShareWith(Post post, Post with, Employee by, string? remarks, DateTimeOffset now)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (Grading != Grading.Normal) return FileError.CannotShareGraded;
        if (with.Id == post.Id) return FileError.SendToSelf;
        if (Shares.Any(s => s.PostId == with.Id) || Participants.Any(p => p.PostId == with.Id)) return FileError.AlreadySees;
        _shares.Add(new SharedWith(this, with, post, by, remarks, now));
        Touch();
        return null;
    }

    public FileError? StopSharing(Post post, int withPostId)
    {
        if (!IsHeldBy(post.Id)) return FileError.NotInYourCustody;
        if (Shares.SingleOrDefault(s => s.PostId == withPostId) is not { } share) return FileError.NotShared;
        _shares.Remove(share);
        Touch();
        return null;
    }

    private (int Order, int FirstPage) NextCorrespondenceSlot()
    {
        var last = Correspondence.OrderBy(c => c.Order).LastOrDefault();
        return ((last?.Order ?? 0) + 1, last is null ? 1 : last.FirstPage + last.PageCount);
    }

    private void Arrive(Movement m)
    {
        ArrivalKind = m.Kind;
        ArrivedFromPostId = m.FromPostId;
        ArrivedById = m.By.Id;
        ArrivedAt = m.At;
        ArrivalPriority = m.Priority;
        ArrivalDueOn = m.DueOn;
        ArrivalRemarks = m.Remarks;
        ArrivalOpenedAt = m.OpenedAt;
    }

    private int NextNoteNumber() => ++LastNoteNumber;

    private void Move(Movement m)
    {
        _movements.Add(m);
        MovementCount++;
    }

    private void Touch() => Version = Guid.NewGuid();
}
