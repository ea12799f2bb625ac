using Daftar.Data;
using Daftar.Files;
using Daftar.Search;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Receipts;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Search;

public sealed record SearchQuery(string? Q, string? Department = null, string? Section = null, FileStatus? Status = null, Grading? Grading = null,
    DateOnly? From = null, DateOnly? To = null);
public sealed record FileHit(int Id, long ComputerNumber, string FileNumber, string Subject, FileStatus Status, Grading Grading, string SectionCode,
    PostRef Holder, DateOnly CreatedOn, bool InNotes, bool InReceipts);
public sealed record ReceiptHit(int Id, string DiaryNumber, string Subject, string Sender, string? LetterNumber, DateOnly ReceivedOn, ReceiptStatus Status,
    Grading Grading, int? FileId);
/// <param name="Partial">Only the newest <see cref="SearchFiles.SearchedNewest"/> visible files (or receipts) were tested for the
/// words (PostgreSQL, a word common in the state): filters reach the older ones.</param>
public sealed record SearchResults(IReadOnlyList<FileHit> Files, IReadOnlyList<ReceiptHit> Receipts, bool More, bool Partial = false);

/// <summary>
/// Full-text search over files (number, subject, category), confirmed notes and receipts (diary and letter numbers,
/// sender, subject), in either script, narrowed by filters and always by who may see what (ADR 0008). Every word of
/// the query must match, each as the start of a word: "स्वास्थ्य" finds "स्वास्थ्य", "DOIT GR" finds F.12(3)/DOIT/GR-1/2026.
/// </summary>
public sealed class SearchFiles(DaftarDb db, FileActions files, PostgresSearch postgres)
{
    public const int PageSize = 50;
    /// <summary>How many of the newest visible files a partial answer tested (<c>Search:VisibleBudget</c>).</summary>
    public int SearchedNewest => postgres.Budget;

    public async Task<Result<SearchResults>> HandleAsync(SearchQuery query, CancellationToken ct)
    {
        var v = new Validation();
        if (query.Q is { Length: > 500 }) v.Add(Error.TooLong("q", "Search", 500));
        if (query.Status is { } s && !Enum.IsDefined(s)) v.Add(Error.NotInList("status"));
        if (query.Grading is { } g && !Enum.IsDefined(g)) v.Add(Error.NotInList("grading"));
        if (query.From > query.To) v.Add(SearchErrors.DatesReversed);
        var department = Daftar.People.Text.Clean(query.Department)?.ToUpperInvariant();
        var section = Daftar.People.Text.Clean(query.Section)?.ToUpperInvariant();
        if (department is not null && !await db.Departments.AnyAsync(d => d.Code == department, ct))
            v.Add(Error.Unknown("department", "Department"));
        if (v.Failed) return Result<SearchResults>.Fail(v.Errors);

        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        var words = SearchTerms.Query(query.Q);
        if (words.Count == 0 && department is null && section is null && query.Status is null && query.Grading is null && query.From is null && query.To is null)
            return new SearchResults([], [], false);

        // Visible files and receipts first (a few thousand at most), each checked against the words — rather than walking
        // every row that matches a common word.
        var visibleFiles = FileActions.VisibleIds(db, viewer);
        var visibleReceipts = ReceiptAccess.VisibleIds(db, viewer);
        var found = db.Files.Where(f => visibleFiles.Contains(f.Id));
        IQueryable<Receipt> receipts = db.Receipts.Where(r => visibleReceipts.Contains(r.Id));
        var inNotes = db.Notes.Where(n => false).Select(n => n.FileId);
        var inReceipts = db.Receipts.Where(r => false).Select(r => r.FileId ?? 0);
        string? tsquery = null;
        var partial = false;
        if (words.Count > 0 && db.Database.IsNpgsql())
        {
            // PostgreSQL: the files and receipts are chosen by PostgresSearch, after the filters below.
            tsquery = string.Join(" & ", words.Select(w => "'" + w.Replace("'", "''").Replace("\\", "\\\\") + "':*"));
        }
        else if (words.Count > 0)
        {
            var fileIds = Matching(SearchKind.File, words);
            var noteIds = Matching(SearchKind.Note, words);
            var receiptIds = Matching(SearchKind.Receipt, words);
            inNotes = db.Notes.Where(n => n.IsConfirmed && noteIds.Contains(n.Id)).Select(n => n.FileId);
            inReceipts = db.Receipts.Where(r => r.FileId != null && receiptIds.Contains(r.Id)).Select(r => r.FileId!.Value);
            found = found.Where(f => fileIds.Contains(f.Id) || inNotes.Contains(f.Id) || inReceipts.Contains(f.Id));
            receipts = receipts.Where(r => receiptIds.Contains(r.Id));
        }
        if (department is not null)
        {
            found = found.Where(f => f.Department.Code == department);
            receipts = receipts.Where(r => r.Department.Code == department);
        }
        if (section is not null)
        {
            found = found.Where(f => f.Section.Code == section);
            receipts = receipts.Where(r => r.Section.Code == section);
        }
        if (query.Status is { } status)
        {
            found = found.Where(f => f.Status == status);
            receipts = receipts.Where(r => false);
        }
        if (query.Grading is { } grading)
        {
            found = found.Where(f => f.Grading == grading);
            receipts = receipts.Where(r => r.Grading == grading);
        }
        if (query.From is { } from)
        {
            found = found.Where(f => f.CreatedOn >= from);
            receipts = receipts.Where(r => r.ReceivedOn >= from);
        }
        if (query.To is { } to)
        {
            found = found.Where(f => f.CreatedOn <= to);
            receipts = receipts.Where(r => r.ReceivedOn <= to);
        }

        // Without filters on the rows themselves, the visible ids come from the indexes alone.
        var filtered = department is not null || section is not null || query.Status is not null || query.Grading is not null || query.From is not null || query.To is not null;
        if (tsquery is not null)
        {
            var candidates = filtered ? found.Select(f => f.Id) : visibleFiles;
            var (page, partialFiles) = await postgres.FileIdsAsync(candidates,
                (n, below) => filtered ? candidates.Where(id => id < below).OrderByDescending(id => id).Take(n) : FileActions.NewestVisibleIds(db, viewer, n, below),
                tsquery, words.Count > 1,
                PageSize + 1, ct);
            found = db.Files.Where(f => page.Contains(f.Id));
            partial |= partialFiles;
        }
        var fileRows = await found.OrderByDescending(f => f.Id).Take(PageSize + 1)
            .Select(f => new FileHit(f.Id, f.ComputerNumber, f.FileNumber, f.Subject, f.Status, f.Grading, f.Section.Code,
                new PostRef(f.HolderPost.Id, f.HolderPost.Code, f.HolderPost.Designation.NameEn + ", " + f.HolderPost.Office.NameEn,
                    f.HolderPost.Designation.NameHi + ", " + f.HolderPost.Office.NameHi),
                f.CreatedOn, inNotes.Any(x => x == f.Id), inReceipts.Any(x => x == f.Id)))
            .ToListAsync(ct);
        if (tsquery is not null)
        {
            // Where the words were found, for the page's files only.
            var (notes, attached) = await postgres.WhereFoundAsync([.. fileRows.Select(f => f.Id)], tsquery, ct);
            fileRows = [.. fileRows.Select(f => f with { InNotes = notes.Contains(f.Id), InReceipts = attached.Contains(f.Id) })];
        }
        if (tsquery is not null)
        {
            var receiptIds = receipts.Select(r => r.Id);
            var (page, partialReceipts) = await postgres.ReceiptIdsAsync(
                (n, below) => filtered ? receiptIds.Where(id => id < below).OrderByDescending(id => id).Take(n) : ReceiptAccess.NewestVisibleIds(db, viewer, n, below),
                tsquery, PageSize + 1, ct);
            receipts = db.Receipts.Where(r => page.Contains(r.Id));
            partial |= partialReceipts;
        }
        var receiptRows = await receipts.OrderByDescending(r => r.Id).Take(PageSize + 1)
            .Select(r => new ReceiptHit(r.Id, r.DiaryNumber, r.Subject, r.Sender, r.LetterNumber, r.ReceivedOn, r.Status, r.Grading, r.FileId))
            .ToListAsync(ct);
        return new SearchResults(fileRows.Take(PageSize).ToList(), receiptRows.Take(PageSize).ToList(),
            fileRows.Count > PageSize || receiptRows.Count > PageSize, partial);
    }

    private enum SearchKind { File = 1, Note = 2, Receipt = 3 }

    /// <summary>SQLite: ids of the rows of one kind whose words match every query word as a prefix, through the FTS5 index.</summary>
    private IQueryable<int> Matching(SearchKind kind, IReadOnlyList<string> words)
    {
        var match = string.Join(" AND ", words.Select(w => "\"" + w.Replace("\"", "\"\"") + "\"*"));
        var k = (int)kind;
        return db.Database.SqlQuery<int>($"SELECT rowid / 4 AS Value FROM SearchIndex WHERE SearchIndex MATCH {match} AND rowid % 4 = {k}");
    }
}
