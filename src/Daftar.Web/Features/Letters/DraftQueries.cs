using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Letters;

/// <summary>Drafts and letters as the pages and the API read them: a file's drafts, a draft with its versions, a diff, a letter's PDF.</summary>
public sealed class DraftQueries(DaftarDb db, FileActions files, BlobStore blobs, LetterAccess letters, Daftar.Web.Features.Signing.Pki trust)
{
    /// <summary>The drafts of a file the viewer may see (the caller has checked the file), newest first.</summary>
    public async Task<IReadOnlyList<DraftSummary>> ForFileAsync(int fileId, CancellationToken ct) =>
        await db.Drafts.AsNoTracking().Where(d => d.FileId == fileId).OrderByDescending(d => d.Id)
            .Select(d => new DraftSummary(d.Id, d.Kind, d.Status, d.Versions.OrderByDescending(v => v.Number).Select(v => v.Subject).First(), d.Versions.Count,
                db.IssuedLetters.Where(l => l.DraftId == d.Id).Select(l => l.LetterNumber).FirstOrDefault()))
            .ToListAsync(ct);

    /// <summary>The draft with every version, for anyone who may see its file.</summary>
    public async Task<Result<DraftView>> GetAsync(int draftId, CancellationToken ct)
    {
        var fileId = await letters.FileOfDraftAsync(draftId, ct);
        if (fileId is null) return Error.NotFound("Draft");
        var loaded = await files.LoadAsync(fileId.Value, ct, FileParts.None);
        if (!loaded.Succeeded) return Error.NotFound("Draft");
        var draft = await db.Drafts.AsNoTracking().Include(d => d.Versions).ThenInclude(v => v.AuthorPost).ThenInclude(p => p.Designation)
            .Include(d => d.Versions).ThenInclude(v => v.Author).SingleAsync(d => d.Id == draftId, ct);
        var letter = await db.IssuedLetters.AsNoTracking().SingleOrDefaultAsync(l => l.DraftId == draftId, ct);
        return new DraftView(draft.Id, draft.FileId, draft.Kind, draft.Language, draft.Status, draft.ApprovedVersionNumber, draft.ApprovedAt,
            draft.Versions.OrderBy(v => v.Number).Select(v => new DraftVersionView(v.Number, v.Subject, v.Body, v.Addressee, v.Reference,
                new PostRef(v.AuthorPost.Id, v.AuthorPost.Code, v.AuthorPost.Designation.NameEn, v.AuthorPost.Designation.NameHi), v.Author.NameEn, v.CreatedAt)).ToList(),
            letter is null ? null : letters.View(letter));
    }

    /// <summary>A readable line diff of two versions (subject, addressee, reference and body).</summary>
    public async Task<Result<IReadOnlyList<DiffLine>>> DiffAsync(int draftId, int from, int to, CancellationToken ct)
    {
        var view = await GetAsync(draftId, ct);
        if (!view.Succeeded) return Result<IReadOnlyList<DiffLine>>.Fail(view.Errors);
        var a = view.Value!.Versions.SingleOrDefault(v => v.Number == from);
        var b = view.Value.Versions.SingleOrDefault(v => v.Number == to);
        if (a is null || b is null) return FileActions.ToError(DraftErrors.NoSuchVersion);
        return Result<IReadOnlyList<DiffLine>>.Ok(LineDiff.Of(Lines(a), Lines(b)));

        static List<string> Lines(DraftVersionView v) =>
            [$"Subject: {v.Subject}", .. (v.Addressee ?? "").Split('\n').Select(l => $"To: {l}"), $"Reference: {v.Reference}", .. v.Body.Split('\n')];
    }

    /// <summary>Whether the officer looking at the letter has signed it already (the page then offers no second signature).</summary>
    public async Task<bool> SignedByMeAsync(int letterId, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        var hash = await db.IssuedLetters.Where(l => l.Id == letterId).Select(l => l.PdfHash).SingleOrDefaultAsync(ct);
        return viewer is not null && hash is not null && await blobs.ReadAllAsync(hash, ct) is { } pdf
            && await PdfSignatures.IsSignedByAsync(db, pdf, await trust.TrustAsync(ct), viewer.EmployeeId, ct);
    }

    /// <summary>The signed PDF of a letter, for anyone who may see its file.</summary>
    public async Task<(Stream Content, string FileName)?> PdfAsync(int letterId, CancellationToken ct)
    {
        var letter = await db.IssuedLetters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == letterId, ct);
        if (letter is null || !(await files.LoadAsync(letter.FileId, ct, FileParts.None)).Succeeded) return null;
        return blobs.OpenRead(letter.PdfHash) is { } stream ? (stream, $"{letter.LetterNumber.Replace('/', '-')}.pdf") : null;
    }
}

/// <summary>A line diff by longest common subsequence: enough for drafts of a few hundred lines.</summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Of(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var diff = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y]) { diff.Add(new("same", a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) diff.Add(new("removed", a[x++]));
            else diff.Add(new("added", b[y++]));
        }
        while (x < a.Count) diff.Add(new("removed", a[x++]));
        while (y < b.Count) diff.Add(new("added", b[y++]));
        return diff;
    }
}
