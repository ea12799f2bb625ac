using System.Collections.Concurrent;
using System.Linq.Expressions;
using Daftar.Data;
using Daftar.Files;
using Daftar.People;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Files;

/// <summary>Who is looking at files: the posts the officer holds today and their sections.</summary>
public sealed record Viewer(Officer Officer, int EmployeeId, int[] PostIds, int[] SectionIds)
{
    public int? ActingPostId => Officer.ActingPost?.PostId;
}

/// <summary>Which of a file's collections an action reads: each action loads only what its rule looks at.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FileParts>))]
[Flags]
public enum FileParts
{
    None = 0,
    Notes = 1,
    Movements = 2,
    Participants = 4,
    Correspondence = 8,
    Shares = 16,
    Links = 32,
    /// <summary>Only the yellow notes: what writing a note or sending the file looks at (the file keeps the last number).</summary>
    DraftNotes = 64,
    /// <summary>Only the last arrival (the last send or pull-back) with its recipient: what a pull-back looks at.</summary>
    LastArrival = 128,
    /// <summary>The file's section, read with the file's own row: the file's page shows its code.</summary>
    Section = 256,
    All = Notes | Movements | Participants | Correspondence | Shares | Links,
}

/// <summary>The file an action is about, the post that acts (the holder, when the officer holds it), and who; with
/// <see cref="OtherPost"/> the active post the action names (a send's recipient), when it asked for one.</summary>
public sealed record FileContext(EFile File, Viewer Viewer, Post ActingPost, Employee Employee, Post? OtherPost = null);

/// <summary>
/// What every file action shares: load the file only if the officer may see it (otherwise "not found", so its
/// existence does not leak), act as the holding post when the officer holds it (regular or additional charge),
/// run the file's own rule, and save — a parallel change to the same file makes this save fail with a conflict.
/// </summary>
public sealed class FileActions(DaftarDb db, CurrentOfficer current, TimeProvider clock, AuditActor audit, ILogger<FileActions> logger)
{

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Viewer?> ViewerAsync(CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        return officer is null ? null : ViewerOf(officer);
    }

    /// <summary>What an officer may see files as: their posts and those posts' sections (null: no post today).</summary>
    public static Viewer? ViewerOf(Officer officer)
    {
        if (officer.EmployeeId is not { } employeeId || officer.Posts.Count == 0) return null;
        return new Viewer(officer, employeeId, officer.Posts.Select(p => p.PostId).ToArray(),
            officer.Posts.Where(p => p.SectionId is not null).Select(p => p.SectionId!.Value).Distinct().ToArray());
    }

    /// <summary>
    /// DESIGN 2.2: posts that held the file see it; so do its section and the posts it was shared with, unless it is
    /// confidential or secret (those only the posts in their chain). Written once, over the viewer's posts and sections,
    /// so that queries built per request (<see cref="VisibleTo"/>) and compiled ones (<see cref="WhoQuery"/>) share it.
    /// </summary>
    private static readonly Expression<Func<EFile, int[], int[], bool>> VisibleRule = (f, postIds, sectionIds) =>
        f.Participants.Any(p => postIds.Contains(p.PostId))
        || (f.Grading == Grading.Normal && (sectionIds.Contains(f.SectionId) || f.Shares.Any(s => postIds.Contains(s.PostId))));

    /// <summary>Stands for <see cref="VisibleRule"/> inside a query; <see cref="QueryRules.Inline{T}"/> puts the rule in its place.</summary>
    [QueryRule(nameof(VisibleRule))]
    private static bool IsVisible(EFile file, int[] postIds, int[] sectionIds) => throw QueryRules.NotInlined(nameof(IsVisible));

    /// <summary>Whether whoever holds <paramref name="postId"/> may see the file, by the same rule as <see cref="VisibleTo"/> for that one post.</summary>
    public static async Task<bool> PostMaySeeAsync(DaftarDb db, int fileId, int postId, CancellationToken ct)
    {
        var sectionId = await db.Posts.Where(p => p.Id == postId).Select(p => p.SectionId).SingleOrDefaultAsync(ct);
        int[] posts = [postId], sections = sectionId is { } s ? [s] : [];
        return await db.Files.Where(f => f.Id == fileId).Where(QueryRules.Inline<Func<EFile, bool>>(f => IsVisible(f, posts, sections))).AnyAsync(ct);
    }

    public static IQueryable<EFile> VisibleTo(IQueryable<EFile> files, Viewer viewer) =>
        files.Where(QueryRules.Inline<Func<EFile, bool>>(f => IsVisible(f, viewer.PostIds, viewer.SectionIds)));

    /// <summary>
    /// The same rule as <see cref="VisibleTo"/>, as the set of visible file ids (own, section's, shared): the shape to start
    /// from when the other condition (a common search word) matches far more files than the officer may see.
    /// </summary>
    public static IQueryable<int> VisibleIds(DaftarDb db, Viewer viewer) =>
        db.FileParticipants.Where(p => viewer.PostIds.Contains(p.PostId)).Select(p => p.FileId)
            .Union(SectionsFiles(db, viewer)).Union(SharedFiles(db, viewer));

    private static IQueryable<int> SectionsFiles(DaftarDb db, Viewer viewer) =>
        db.Files.Where(f => f.Grading == Grading.Normal && viewer.SectionIds.Contains(f.SectionId)).Select(f => f.Id);

    private static IQueryable<int> SharedFiles(DaftarDb db, Viewer viewer) =>
        db.FileShares.Where(x => viewer.PostIds.Contains(x.PostId) && x.File.Grading == Grading.Normal).Select(x => x.FileId);

    /// <summary>
    /// The newest <paramref name="count"/> of <see cref="VisibleIds"/>, newest first. Each part of the rule gives only its own
    /// newest, then the parts are merged, rather than gathering every visible file of a busy post and sorting them. Each
    /// post is asked for by itself, as an index read backwards stops after <paramref name="count"/> entries only for one
    /// post; so is each section, whose normal files come from one index alone (measured: docs/performance.md, "Search: the
    /// visible files are taken newest first"). Only ids below <paramref name="below"/> count, so that the next batch
    /// continues where the last one stopped.
    /// </summary>
    public static IQueryable<int> NewestVisibleIds(DaftarDb db, Viewer viewer, int count, int below = int.MaxValue)
    {
        var newest = SharedFiles(db, viewer).Where(id => id < below).OrderByDescending(id => id).Take(count);
        foreach (var sectionId in viewer.SectionIds)
            newest = newest.Union(db.Files.Where(f => f.SectionId == sectionId && f.Grading == Grading.Normal && f.Id < below).Select(f => f.Id)
                .OrderByDescending(id => id).Take(count));
        foreach (var postId in viewer.PostIds)
            newest = newest.Union(db.FileParticipants.Where(p => p.PostId == postId && p.FileId < below).Select(p => p.FileId)
                .OrderByDescending(id => id).Take(count));
        return newest.OrderByDescending(id => id).Take(count);
    }

    private sealed record Who(Employee Employee, bool MaySee, Post? Other);

    // Compiled once: every file action asks it, and building the expression, finding its parameters and looking it up in
    // EF's cache took about 6 % of a send's CPU in Daftar. Without a named post the join finds nothing (the key is
    // compared with null).
    private static readonly Func<DaftarDb, int, int[], int[], int, int?, CancellationToken, Task<Who>> WhoQuery = EF.CompileAsyncQuery(
        QueryRules.Inline<Func<DaftarDb, int, int[], int[], int, int?, CancellationToken, Who>>((db, employeeId, postIds, sectionIds, fileId, otherPostId, ct) =>
            (from e in db.Employees.Where(e => e.Id == employeeId)
             from p in db.Posts.Where(p => p.Id == otherPostId && p.IsActive).DefaultIfEmpty()
             select new Who(e, db.Files.Where(f => IsVisible(f, postIds, sectionIds)).Any(f => f.Id == fileId), p)).Single()));

    private static readonly ConcurrentDictionary<(FileParts Parts, bool OneParticipant), Func<DaftarDb, int, int, CancellationToken, Task<EFile?>>> FileQueries = new();

    /// <summary>The file with the parts of a row or so that an action reads (the yellow draft; with <paramref name="oneParticipant"/>,
    /// only the participation of the post given as the third argument), in one statement, compiled once for each kind of
    /// action, like <see cref="WhoQuery"/>. Larger parts come from <see cref="PartQueries"/>.</summary>
    private static Func<DaftarDb, int, int, CancellationToken, Task<EFile?>> FileQuery(FileParts parts, bool oneParticipant) =>
        FileQueries.GetOrAdd((parts, oneParticipant), key => EF.CompileAsyncQuery(FileQueryExpression(key.Parts, key.OneParticipant)));

    private static Expression<Func<DaftarDb, int, int, CancellationToken, EFile?>> FileQueryExpression(FileParts parts, bool oneParticipant)
    {
        Expression<Func<DaftarDb, int, int, IQueryable<EFile>>> query = (db, id, one) => db.Files.Include(f => f.CreatedByPost).Include(f => f.HolderPost);
        // The drafts and the participation name the file themselves. Joined only by the file's key, the planner may read
        // every draft of the installation and keep this file's: it did, for each send, once the statistics saw (almost)
        // no drafts among 1.2 crore notes, and that read grows with the drafts officers leave.
        if (parts.HasFlag(FileParts.DraftNotes) && !parts.HasFlag(FileParts.Notes))
            query = Then(query, (files, id, one) => files.Include(f => f.Notes.Where(n => n.FileId == id && !n.IsConfirmed)));
        if (parts.HasFlag(FileParts.Section))
            query = Then(query, (files, id, one) => files.Include(f => f.Section));
        if (oneParticipant && parts.HasFlag(FileParts.Participants))
            query = Then(query, (files, id, one) => files.Include(f => f.Participants.Where(p => p.FileId == id && p.PostId == one)));
        var ct = Expression.Parameter(typeof(CancellationToken), "ct");
        Expression<Func<IQueryable<EFile>, int, EFile?>> single = (files, id) => files.AsSingleQuery().SingleOrDefault(f => f.Id == id);
        return Expression.Lambda<Func<DaftarDb, int, int, CancellationToken, EFile?>>(
            QueryRules.Apply(single, query.Body, query.Parameters[1]), query.Parameters[0], query.Parameters[1], query.Parameters[2], ct);
    }

    private static Expression<Func<DaftarDb, int, int, IQueryable<EFile>>> Then(
        Expression<Func<DaftarDb, int, int, IQueryable<EFile>>> query, Expression<Func<IQueryable<EFile>, int, int, IQueryable<EFile>>> step) =>
        Expression.Lambda<Func<DaftarDb, int, int, IQueryable<EFile>>>(QueryRules.Apply(step, query.Body, query.Parameters[1], query.Parameters[2]), query.Parameters);

    /// <summary>
    /// A file's larger parts, each read by the file's key from its own index and tracked, so that they join the file's
    /// collections. As split queries of the file's statement each repeated the file with its posts, sorted, and cost the
    /// database two to three times as much as the part's own index read.
    /// </summary>
    private static readonly (FileParts Part, Func<DaftarDb, int, CancellationToken, Task> Read)[] PartQueries =
    [
        (FileParts.Notes, Reader(EF.CompileAsyncQuery((DaftarDb db, int fileId) => db.Notes.Where(n => n.FileId == fileId)))),
        (FileParts.Movements, Reader(EF.CompileAsyncQuery((DaftarDb db, int fileId) => db.Movements.Include(m => m.ToPost).Where(m => m.FileId == fileId)))),
        (FileParts.Participants, Reader(EF.CompileAsyncQuery((DaftarDb db, int fileId) => db.FileParticipants.Where(p => p.FileId == fileId)))),
        (FileParts.Correspondence, Reader(EF.CompileAsyncQuery((DaftarDb db, int fileId) => db.Correspondence.Where(c => c.FileId == fileId)))),
        (FileParts.Shares, Reader(EF.CompileAsyncQuery((DaftarDb db, int fileId) => db.FileShares.Where(s => s.FileId == fileId)))),
        (FileParts.Links, Reader(EF.CompileAsyncQuery((DaftarDb db, int fileId) => db.FileLinks.Where(l => l.FileId == fileId)))),
    ];

    // Reading is all a part query is for: the context tracks what it reads and fixes it up into the file.
    private static Func<DaftarDb, int, CancellationToken, Task> Reader<T>(Func<DaftarDb, int, IAsyncEnumerable<T>> query) => async (db, fileId, ct) =>
    {
        await foreach (var _ in query(db, fileId).WithCancellation(ct)) { }
    };

    /// <param name="onlyParticipant">With <see cref="FileParts.Participants"/>: read only this post's participation (whether it
    /// already takes part), not every post's.</param>
    /// <param name="otherPostId">A post the action names (a send's recipient): read, if active, in the first statement.</param>
    public async Task<Result<FileContext>> LoadAsync(int fileId, CancellationToken ct, FileParts parts = FileParts.All, int? onlyParticipant = null, int? otherPostId = null)
    {
        var viewer = await ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        // Visibility is one indexed check, asked with the employee who acts and the post the action names (one round trip
        // for all three); the file and its parts are then read by key (not with the rule repeated in every split query).
        var who = await WhoQuery(db, viewer.EmployeeId, viewer.PostIds, viewer.SectionIds, fileId, otherPostId, ct);
        if (!who.MaySee) return Error.NotFound("File");
        var file = await FileQuery(parts, onlyParticipant is not null)(db, fileId, onlyParticipant ?? 0, ct);
        if (file is null) return Error.NotFound("File");
        foreach (var (part, read) in PartQueries)
            if (parts.HasFlag(part) && !(part == FileParts.Participants && onlyParticipant is not null))
                await read(db, fileId, ct);
        if (parts.HasFlag(FileParts.LastArrival) && !parts.HasFlag(FileParts.Movements))
            // Read by itself, newest first from the (FileId, Id) index: a file's movements are numbered in the order they happen
            // (one action on a file wins at a time), and reading them all cost a pull-back ten pages of the movements table.
            // Tracked, it joins the file's Movements, where EFile.LastArrival finds it.
            await db.Movements.Include(m => m.ToPost)
                .Where(m => m.FileId == fileId && (m.Kind == MovementKind.Sent || m.Kind == MovementKind.PulledBack))
                .OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        var postId = viewer.PostIds.Contains(file.HolderPostId) ? file.HolderPostId : viewer.ActingPostId ?? viewer.PostIds[0];
        // Usually the holder, already read with the file: Find then asks the database nothing.
        var post = await db.Posts.FindAsync([postId], ct) ?? throw new InvalidOperationException($"Post {postId} of the officer does not exist.");
        audit.ActingPostId = post.Id;
        return new FileContext(file, viewer, post, who.Employee, who.Other);
    }

    /// <summary>Loads the file, applies the action, saves; maps the file's refusals and concurrent changes to errors.</summary>
    public async Task<Result<int>> RunAsync(int fileId, Func<FileContext, Task<FileError?>> action, CancellationToken ct, FileParts parts = FileParts.All, int? onlyParticipant = null)
    {
        var loaded = await LoadAsync(fileId, ct, parts, onlyParticipant);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        return await ActAsync(fileId, loaded.Value!, action, ct);
    }

    /// <summary>Applies the action to a loaded file and saves.</summary>
    public async Task<Result<int>> ActAsync(int fileId, FileContext loaded, Func<FileContext, Task<FileError?>> action, CancellationToken ct)
    {
        var refused = await action(loaded);
        if (refused is not null) return ToError(refused);
        return await SaveAsync(fileId, ct);
    }

    public async Task<Result<int>> SaveAsync(int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("File {FileId} changed meanwhile (version check); the officer is told to reload", id);
            return FilesErrors.ChangedMeanwhile;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Two confirmations racing for the same note number end here: the loser changed nothing.
            db.ChangeTracker.Clear();
            logger.LogInformation("File {FileId} changed meanwhile ({Constraint}); the officer is told to reload", id, ConstraintOf(ex));
            return FilesErrors.ChangedMeanwhile;
        }
    }

    public static Error ToError(FileError e) => new(e.Code, e.Message, e.Kind switch
    {
        FileRefusal.Invalid => ErrorKind.Invalid,
        FileRefusal.Forbidden => ErrorKind.Forbidden,
        _ => ErrorKind.Conflict,
    });

    private static string ConstraintOf(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { ConstraintName: { } name } ? name : "unique key";

    /// <summary>A unique index refused the row: someone else did the same thing at the same moment.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: "23505" }
        || ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };
}
