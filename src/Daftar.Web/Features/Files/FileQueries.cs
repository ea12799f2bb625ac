using Daftar.Data;
using Daftar.Files;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Files;

public sealed record PostRef(int Id, string Code, string TitleEn, string TitleHi);
public sealed record NoteView(int Id, int? Number, string Html, string Text, bool IsConfirmed, PostRef AuthorPost, string AuthorEn, string AuthorHi,
    DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, bool IsMine)
{
    /// <summary>The note's signature, checked when the file was read; null when it is not signed.</summary>
    public NoteSignatureView? Signature { get; init; }
}
public sealed record MovementView(long Id, MovementKind Kind, PostRef From, PostRef To, string ByEn, string ByHi, string? Remarks, Priority Priority,
    DateOnly? DueOn, DateTimeOffset At, DateTimeOffset? OpenedAt, DateTimeOffset? PulledBackAt);
public sealed record FileView(int Id, long ComputerNumber, string FileNumber, string Subject, string? Category, FileKind Kind, Grading Grading,
    RetentionCategory Retention, int? RetentionYears, FileStatus Status, string SectionCode, PostRef CreatedBy, PostRef Holder, DateTimeOffset CreatedAt,
    IReadOnlyList<NoteView> Notes, IReadOnlyList<MovementView> Movements, FilePermissions Can)
{
    public IReadOnlyList<CorrespondenceView> Correspondence { get; init; } = [];
    /// <summary>Linked files the viewer may see (a link to a file they may not see is left out, so it does not leak).</summary>
    public IReadOnlyList<LinkedFileView> Links { get; init; } = [];
    public IReadOnlyList<ShareView> SharedWith { get; init; } = [];
    /// <summary>Notes by posts at this level or more senior must be signed before the file moves on (null: no such rule).</summary>
    public int? SignNotesAtLevel { get; init; }
    /// <summary>Whether the viewer's acting post must sign its notes on this file.</summary>
    public bool MustSign { get; init; }

    /// <summary>How many movements the file has; <see cref="Movements"/> holds only the newest <see cref="FileQueries.RecentMovements"/>
    /// of them, and <c>/api/files/{id}/movements</c> (the History page) pages through them all.</summary>
    public int MovementCount { get; init; }
}
/// <summary>A document to open: <see cref="Url"/> for a signed-in browser, <see cref="ApiUrl"/> for a program with a bearer token.</summary>
public sealed record DocumentLink(string FileName, string ContentType, string Url, string ApiUrl);
public sealed record CorrespondenceView(int Order, int FirstPage, int PageCount, string Title, bool IsPuc, bool IsFr, int? ReceiptId, IReadOnlyList<DocumentLink> Documents);
public sealed record LinkedFileView(int Id, long ComputerNumber, string FileNumber, string Subject, FileStatus Status, string? Remarks, DateTimeOffset At);
public sealed record ShareView(PostRef Post, PostRef By, string? Remarks, DateTimeOffset At);
public sealed record FilePermissions(bool Act, bool WriteNote, bool Send, bool PullBack, bool Park, bool Unpark, bool Close, bool Reopen)
{
    /// <summary>Upload a document into the correspondence (an open file the viewer holds).</summary>
    public bool Attach => WriteNote;
    public bool Link => Act;
    public bool Share { get; init; }
}
/// <summary>One page of a file's movements, oldest first; <see cref="Number"/> is where the page's first row stands in the history.</summary>
public sealed record MovementHistory(int FileId, long ComputerNumber, string FileNumber, string Subject, IReadOnlyList<MovementView> Rows, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int Number => (Page - 1) * PageSize + 1;
}
public sealed record InboxRow(int Id, long ComputerNumber, string FileNumber, string Subject, Grading Grading, FileStatus Status, PostRef? From,
    string? FromNameEn, string? FromNameHi, DateTimeOffset ReceivedAt, DateOnly? DueOn, Priority Priority, string? Remarks, bool Opened, PostRef Holder);
public sealed record InboxCounts(int New, int Opened, int Overdue, int Sent, int Created, int Parked, int Closed)
{
    public int Of(string tab) => tab switch
    {
        "new" => New,
        "opened" => Opened,
        "overdue" => Overdue,
        "sent" => Sent,
        "created" => Created,
        "parked" => Parked,
        _ => Closed,
    };
}

/// <summary>One page of one inbox list; <see cref="Total"/> is the tab's count, so a client can page on.</summary>
public sealed record Inbox(string Tab, IReadOnlyList<InboxRow> Rows, InboxCounts Counts, int Page, int PageSize)
{
    public int Total => Counts.Of(Tab);
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public static class InboxTabs
{
    public static readonly string[] All = ["new", "opened", "overdue", "sent", "created", "parked", "closed"];
}

/// <summary>Reads of files, always through the visibility rule; opening a file you hold marks it opened.</summary>
public sealed class FileQueries(DaftarDb db, FileActions files, INoteSignatures signing)
{
    public const int InboxPageSize = 50;
    /// <summary>The newest movements a file's page and API answer carry: enough for what happened lately, while a file that
    /// went back and forth hundreds of times stays a light answer. The rest are a page of <see cref="HistoryPageSize"/> away.</summary>
    public const int RecentMovements = 20;
    public const int HistoryPageSize = 50;

    // What a file's page reads of the file itself: its notes, correspondence and shares, and of its movements only the last
    // arrival, which decides opening and pulling back (the newest movements and the links are read as views below).
    private const FileParts ViewParts = FileParts.Notes | FileParts.Correspondence | FileParts.Shares | FileParts.LastArrival | FileParts.Section;

    public async Task<Result<FileView>> GetAsync(int fileId, bool markOpened, CancellationToken ct)
    {
        var loaded = await files.LoadAsync(fileId, ct, ViewParts);
        if (!loaded.Succeeded) return Result<FileView>.Fail(loaded.Errors);
        var c = loaded.Value!;
        if (markOpened && c.File.MarkOpened(c.ActingPost.Id, files.Now))
        {
            // Opening races with a pull-back: if the sender won, show the file as it now is.
            var saved = await files.SaveAsync(fileId, ct);
            if (!saved.Succeeded) return await GetAsync(fileId, markOpened: false, ct);
        }
        return await ViewAsync(c, ct);
    }

    /// <summary>A page of the file's movements, oldest first, for those who may see the file.</summary>
    public async Task<Result<MovementHistory>> HistoryAsync(int fileId, int page, CancellationToken ct)
    {
        if (page < 1 || page > 100_000) return FilesErrors.InvalidPage;
        var loaded = await files.LoadAsync(fileId, ct, FileParts.None);
        if (!loaded.Succeeded) return Result<MovementHistory>.Fail(loaded.Errors);
        var f = loaded.Value!.File;
        var rows = await db.Movements.AsNoTracking().Where(m => m.FileId == fileId).OrderBy(m => m.Id)
            .Skip((page - 1) * HistoryPageSize).Take(HistoryPageSize).ToListAsync(ct);
        var posts = await PostRefsAsync(rows.SelectMany(m => new[] { m.FromPostId, m.ToPostId }).Distinct().ToList(), ct);
        var people = await PeopleAsync(rows.Select(m => m.ById).Distinct().ToList(), ct);
        return new MovementHistory(f.Id, f.ComputerNumber, f.FileNumber, f.Subject, rows.Select(m => View(m, posts, people)).ToList(), page, HistoryPageSize, f.MovementCount);
    }

    // A file's movements are numbered in the order they happen (one action on a file wins at a time), so the (FileId, Id)
    // index gives them in order. Their posts and people are read once each by key with the page's others: the busiest
    // files move between a handful of posts, and a join per movement cost the database twice the reads.
    private static MovementView View(Movement m, Dictionary<int, PostRef> posts, Dictionary<int, Employee> people) =>
        new(m.Id, m.Kind, posts[m.FromPostId], posts[m.ToPostId], people[m.ById].NameEn, people[m.ById].NameHi,
            m.Remarks, m.Priority, m.DueOn, m.At, m.OpenedAt, m.PulledBackAt);

    private Task<Dictionary<int, PostRef>> PostRefsAsync(List<int> postIds, CancellationToken ct) =>
        db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id))
            .Select(p => new PostRef(p.Id, p.Code, p.Designation.NameEn + ", " + p.Office.NameEn, p.Designation.NameHi + ", " + p.Office.NameHi))
            .ToDictionaryAsync(p => p.Id, ct);

    private Task<Dictionary<int, Employee>> PeopleAsync(List<int> employeeIds, CancellationToken ct) =>
        db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);

    private async Task<FileView> ViewAsync(FileContext c, CancellationToken ct)
    {
        var f = c.File;
        var newest = await db.Movements.AsNoTracking().Where(m => m.FileId == f.Id).OrderByDescending(m => m.Id).Take(RecentMovements).ToListAsync(ct);
        newest.Reverse();
        var postIds = f.Notes.Select(n => n.AuthorPostId).Concat(newest.SelectMany(m => new[] { m.FromPostId, m.ToPostId }))
            .Concat(f.Shares.SelectMany(s => new[] { s.PostId, s.ByPostId }))
            .Append(f.CreatedByPostId).Append(f.HolderPostId).Distinct().ToList();
        var posts = await PostRefsAsync(postIds, ct);
        var people = await PeopleAsync(f.Notes.Select(n => n.AuthorId).Concat(newest.Select(m => m.ById)).Distinct().ToList(), ct);

        var holds = c.Viewer.PostIds.Contains(f.HolderPostId);
        var last = f.LastArrival;
        var can = new FilePermissions(
            Act: holds,
            WriteNote: holds && f.Status == FileStatus.Open,
            Send: holds && f.Status == FileStatus.Open,
            PullBack: last is { Kind: MovementKind.Sent, OpenedAt: null } && last.ToPostId == f.HolderPostId && c.Viewer.PostIds.Contains(last.FromPostId),
            Park: holds && f.Status == FileStatus.Open,
            Unpark: holds && f.Status == FileStatus.Parked,
            Close: holds && f.Status == FileStatus.Open && (c.ActingPost.Id == f.CreatedByPostId || c.ActingPost.Level < f.CreatedByPost.Level),
            Reopen: holds && f.Status == FileStatus.Closed)
        { Share = holds && f.Grading == Grading.Normal };

        var confirmed = f.Notes.Where(n => n.IsConfirmed).ToList();
        var signatures = confirmed.Count > 0 ? await signing.ViewsAsync(confirmed, ct) : [];
        var notes = f.Notes
            .Where(n => n.IsConfirmed || c.Viewer.PostIds.Contains(n.AuthorPostId))
            .OrderBy(n => n.IsConfirmed ? 0 : 1).ThenBy(n => n.Number).ThenBy(n => n.CreatedAt)
            .Select(n => new NoteView(n.Id, n.Number, n.Html, n.Text, n.IsConfirmed, posts[n.AuthorPostId],
                people[n.AuthorId].NameEn, people[n.AuthorId].NameHi, n.CreatedAt, n.ConfirmedAt, c.Viewer.PostIds.Contains(n.AuthorPostId))
            { Signature = signatures.GetValueOrDefault(n.Id) })
            .ToList();
        var movements = newest.Select(m => View(m, posts, people)).ToList();
        var receiptIds = f.Correspondence.Where(c => c.ReceiptId is not null).Select(c => c.ReceiptId!.Value).ToList();
        var documents = (receiptIds.Count > 0 ? await db.ReceiptDocuments.AsNoTracking().Where(d => receiptIds.Contains(d.ReceiptId)).ToListAsync(ct) : [])
            .ToLookup(d => d.ReceiptId);
        var correspondence = f.Correspondence.OrderBy(c => c.Order)
            .Select(c => new CorrespondenceView(c.Order, c.FirstPage, c.PageCount, c.Title, c.IsPuc, c.IsFr, c.ReceiptId,
                c.ReceiptId is { } r
                    ? documents[r].OrderBy(d => d.Order).Select(d => new DocumentLink(d.FileName, d.ContentType, $"/Files/Document?receipt={r}&n={d.Order}", $"/api/receipts/{r}/documents/{d.Order}")).ToList()
                    : c.BlobHash is not null ? [new DocumentLink(c.FileName!, c.ContentType!, $"/Files/Document?file={f.Id}&item={c.Order}", FilesModule.DocumentUrl(f.Id, c.Order))] : []))
            .ToList();

        var linkedIds = await db.FileLinks.Where(l => l.FileId == f.Id).Select(l => new { Id = l.LinkedFileId, l.Remarks, l.At })
            .Concat(db.FileLinks.Where(l => l.LinkedFileId == f.Id).Select(l => new { Id = l.FileId, l.Remarks, l.At }))
            .ToListAsync(ct);
        var ids = linkedIds.Select(l => l.Id).ToList();
        var linked = ids.Count == 0 ? [] : await FileActions.VisibleTo(db.Files, c.Viewer).Where(x => ids.Contains(x.Id))
            .Select(x => new { x.Id, x.ComputerNumber, x.FileNumber, x.Subject, x.Status }).ToDictionaryAsync(x => x.Id, ct);
        var links = linkedIds.Where(l => linked.ContainsKey(l.Id)).OrderBy(l => l.At)
            .Select(l => linked[l.Id] is var x ? new LinkedFileView(x.Id, x.ComputerNumber, x.FileNumber, x.Subject, x.Status, l.Remarks, l.At) : null!)
            .ToList();
        var shares = f.Shares.OrderBy(s => s.At).Select(s => new ShareView(posts[s.PostId], posts[s.ByPostId], s.Remarks, s.At)).ToList();

        return new FileView(f.Id, f.ComputerNumber, f.FileNumber, f.Subject, f.Category, f.Kind, f.Grading, f.Retention, f.RetentionYears, f.Status,
            f.Section.Code, posts[f.CreatedByPostId], posts[f.HolderPostId], f.CreatedAt, notes, movements, can)
        { MovementCount = f.MovementCount, Correspondence = correspondence, Links = links, SharedWith = shares, SignNotesAtLevel = f.SignNotesAtLevel, MustSign = f.RequiresSignatureFrom(c.ActingPost) };
    }

    /// <summary>The counts of every inbox tab of the officer's posts (the home page shows new, opened and overdue).</summary>
    public async Task<InboxCounts?> MyCountsAsync(CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return null;
        var posts = viewer.PostIds;
        return await CountsAsync(posts, HeldBy(posts), OfficeTime.DateOf(files.Now), ct);
    }

    /// <summary>The files the posts hold; one post (nearly every officer) by equality, so that PostgreSQL reads the index in order.</summary>
    private IQueryable<EFile> HeldBy(int[] posts) =>
        posts.Length == 1 ? db.Files.Where(f => f.HolderPostId == posts[0]) : db.Files.Where(f => posts.Contains(f.HolderPostId));

    private async Task<InboxCounts> CountsAsync(int[] posts, IQueryable<EFile> held, DateOnly today, CancellationToken ct)
    {
        // The counts are kept (InboxCount, plus the changes not yet folded in); only overdue, which depends on today, is
        // counted here, from the index IX_Files_Inbox. One statement.
        var kept = db.InboxCounts.Where(k => posts.Contains(k.PostId));
        var changes = db.InboxCountChanges.Where(k => posts.Contains(k.PostId));
        var c = await db.Posts.Where(p => p.Id == posts[0]).Select(p => new InboxCounts(
            kept.Sum(k => k.New) + changes.Sum(k => k.New),
            kept.Sum(k => k.Opened) + changes.Sum(k => k.Opened),
            held.Count(f => f.Status == FileStatus.Open && f.ArrivalDueOn < today),
            kept.Sum(k => k.Sent) + changes.Sum(k => k.Sent),
            kept.Sum(k => k.Created) + changes.Sum(k => k.Created),
            kept.Sum(k => k.Parked) + changes.Sum(k => k.Parked),
            kept.Sum(k => k.Closed) + changes.Sum(k => k.Closed))).SingleOrDefaultAsync(ct);
        return c ?? new InboxCounts(0, 0, 0, 0, 0, 0, 0);
    }

    /// <summary>
    /// The officer's lists: new and opened (held, not parked or closed), overdue, sent by, created by, parked, closed; a
    /// page of <see cref="InboxPageSize"/> rows (a clerk's screen, and a light answer on a phone connection) with every
    /// tab's count.
    /// </summary>
    public async Task<Result<Inbox>> InboxAsync(string? tab, int page, CancellationToken ct)
    {
        if (page < 1 || page > 100_000) return FilesErrors.InvalidPage;
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        tab = InboxTabs.All.Contains(tab) ? tab! : null;
        var today = OfficeTime.DateOf(files.Now);
        var posts = viewer.PostIds;
        // Each file carries how it reached its holder (EFile.Arrival*), so every list and count is an indexed read of Files.
        // One post (nearly every officer) is asked for by equality: PostgreSQL 15 then reads the list's index in the page's
        // order and stops after the page; for a list of posts it reads every entry and sorts them.
        var only = posts.Length == 1 ? posts[0] : (int?)null;
        var held = HeldBy(posts);
        var created = only is { } p2 ? db.Files.Where(f => f.CreatedByPostId == p2) : db.Files.Where(f => posts.Contains(f.CreatedByPostId));
        // Sent: each of my posts' files that it sent on and no longer holds (as InboxCounting counts them).
        var sent = (only is { } p3 ? db.Files.Where(f => f.ArrivedFromPostId == p3) : db.Files.Where(f => posts.Contains(f.ArrivedFromPostId)))
            .Where(f => f.ArrivalKind == MovementKind.Sent && f.ArrivedFromPostId != f.HolderPostId);
        var counts = await CountsAsync(posts, held, today, ct);
        // Without a tab asked for, the inbox opens on what needs action: new files, else opened, else overdue.
        tab ??= counts.New > 0 ? "new" : counts.Opened > 0 ? "opened" : counts.Overdue > 0 ? "overdue" : "new";

        IQueryable<EFile> query = tab switch
        {
            "new" => held.Where(f => f.Status == FileStatus.Open && f.ArrivalOpenedAt == null),
            "opened" => held.Where(f => f.Status == FileStatus.Open && f.ArrivalOpenedAt != null),
            "overdue" => held.Where(f => f.Status == FileStatus.Open && f.ArrivalDueOn < today),
            "sent" => sent,
            "created" => created,
            "parked" => held.Where(f => f.Status == FileStatus.Parked),
            _ => held.Where(f => f.Status == FileStatus.Closed),
        };
        // Which files the page shows is decided from the index; only those rows are then read, with who sent them and who
        // holds them, in one statement. (With the page's ids as a subquery of that statement, the busiest officer's inbox
        // on a state ran past the 30 s command timeout.)
        var pageIds = await query.OrderByDescending(f => f.ArrivalPriority).ThenByDescending(f => f.Id)
            .Skip((page - 1) * InboxPageSize).Take(InboxPageSize).Select(f => f.Id).ToListAsync(ct);
        var rows = await (
            from f in db.Files
            where pageIds.Contains(f.Id)
            join p in db.Posts on f.ArrivedFromPostId equals p.Id into senders
            from sender in senders.DefaultIfEmpty()
            join e in db.Employees on f.ArrivedById equals e.Id into bys
            from arrivedBy in bys.DefaultIfEmpty()
            orderby f.ArrivalPriority descending, f.Id descending
            select new InboxRow(f.Id, f.ComputerNumber, f.FileNumber, f.Subject, f.Grading, f.Status,
                (f.ArrivalKind == MovementKind.Sent || f.ArrivalKind == MovementKind.PulledBack) && sender != null
                    ? new PostRef(sender.Id, sender.Code, sender.Designation.NameEn + ", " + sender.Office.NameEn, sender.Designation.NameHi + ", " + sender.Office.NameHi)
                    : null,
                arrivedBy == null ? null : arrivedBy.NameEn, arrivedBy == null ? null : arrivedBy.NameHi,
                f.ArrivedAt, f.ArrivalDueOn, f.ArrivalPriority, f.ArrivalRemarks, f.ArrivalOpenedAt != null,
                new PostRef(f.HolderPost.Id, f.HolderPost.Code, f.HolderPost.Designation.NameEn + ", " + f.HolderPost.Office.NameEn,
                    f.HolderPost.Designation.NameHi + ", " + f.HolderPost.Office.NameHi)))
            .AsNoTracking().ToListAsync(ct);
        return new Inbox(tab, rows, counts, page, InboxPageSize);
    }
}

/// <summary>Finds posts to send a file to, by name, designation or office in either script, with quick picks.</summary>
public sealed class FindRecipients(DaftarDb db, FileActions files, TimeProvider clock)
{
    public sealed record Recipient(int PostId, string Code, string TitleEn, string TitleHi, string? HolderEn, string? HolderHi, string Why);

    public async Task<IReadOnlyList<Recipient>> HandleAsync(string? query, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer?.ActingPostId is not { } me) return [];
        var today = clock.Today();
        if (Daftar.People.Text.Clean(query) is { } q)
        {
            var pattern = Daftar.People.Text.ContainsPattern(q);
            var byPost = db.Posts.Where(p => p.IsActive && p.Id != me && EF.Functions.Like(p.SearchKey, pattern, "\\"));
            var byHolder = db.Posts.Where(p => p.IsActive && p.Id != me && p.Assignments.Any(a => a.From <= today && (a.To == null || a.To >= today)
                && EF.Functions.Like(a.Employee.SearchKey, pattern, "\\")));
            return await ProjectAsync(byPost.Union(byHolder), "match", today, 20, ct);
        }
        var reportsTo = db.Posts.Where(p => db.Posts.Any(x => x.Id == me && x.ReportsToId == p.Id));
        var below = db.Posts.Where(p => p.ReportsToId == me && p.IsActive);
        var recentIds = await db.Movements.Where(m => m.FromPostId == me && m.Kind == MovementKind.Sent && m.ToPostId != me)
            .OrderByDescending(m => m.Id).Select(m => m.ToPostId).Take(30).ToListAsync(ct);
        var recent = recentIds.Distinct().Take(5).ToList();
        var picks = new List<Recipient>();
        picks.AddRange(await ProjectAsync(reportsTo, "reporting officer", today, 1, ct));
        picks.AddRange(await ProjectAsync(db.Posts.Where(p => recent.Contains(p.Id)), "recently used", today, 5, ct));
        picks.AddRange(await ProjectAsync(below, "below me", today, 10, ct));
        return picks.DistinctBy(p => p.PostId).ToList();
    }

    private static async Task<List<Recipient>> ProjectAsync(IQueryable<Post> posts, string why, DateOnly today, int take, CancellationToken ct) =>
        await posts.OrderBy(p => p.Level).ThenBy(p => p.Code).Take(take)
            .Select(p => new Recipient(p.Id, p.Code, p.Designation.NameEn + ", " + p.Office.NameEn, p.Designation.NameHi + ", " + p.Office.NameHi,
                p.Assignments.Where(a => a.From <= today && (a.To == null || a.To >= today)).OrderBy(a => a.Kind).Select(a => a.Employee.NameEn).FirstOrDefault(),
                p.Assignments.Where(a => a.From <= today && (a.To == null || a.To >= today)).OrderBy(a => a.Kind).Select(a => a.Employee.NameHi).FirstOrDefault(),
                why))
            .ToListAsync(ct);
}
