using Daftar.People;
using Daftar.Search;

namespace Daftar.Files;

/// <summary>
/// A note on the note sheet. A draft (yellow) note belongs to its author's post and can be edited or discarded; once
/// confirmed (green) it is numbered and never changes.
/// </summary>
[Daftar.Audit.Audited("file", nameof(FileId))]
public class Note
{
    private Note() { }

    internal Note(EFile file, Post author, Employee by, string text, string html, DateTimeOffset now)
    {
        File = file;
        AuthorPost = author;
        AuthorPostId = author.Id;
        Author = by;
        Text = text;
        Html = html;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public int Id { get; private set; }
    public int FileId { get; private set; }
    public EFile File { get; private set; } = null!;
    /// <summary>Position on the note sheet; given when the note is confirmed.</summary>
    public int? Number { get; private set; }
    public int AuthorPostId { get; private set; }
    public Post AuthorPost { get; private set; } = null!;
    public int AuthorId { get; private set; }
    public Employee Author { get; private set; } = null!;
    /// <summary>What the officer wrote (paragraphs, "- " lists, *emphasis*).</summary>
    public string Text { get; private set; } = "";
    /// <summary>The text rendered to HTML and sanitised; what pages show.</summary>
    public string Html { get; private set; } = "";
    public bool IsConfirmed { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    /// <summary>The words of a confirmed note, for search; drafts are private to their author and not searchable.</summary>
    public string? SearchText { get; private set; }

    /// <summary>Recomputes the search words of a confirmed note; drafts stay out of search.</summary>
    public void RefreshSearchText() => SearchText = IsConfirmed ? SearchTerms.Of(Text) : null;

    internal void Edit(Employee by, string text, string html, DateTimeOffset now)
    {
        Author = by;
        Text = text;
        Html = html;
        UpdatedAt = now;
    }

    internal void Confirm(int number, DateTimeOffset now)
    {
        Number = number;
        IsConfirmed = true;
        ConfirmedAt = now;
        SearchText = SearchTerms.Of(Text);
    }

    /// <summary>
    /// Whether the officer holding <paramref name="signerPosts"/> may sign this note now: only a green note (a yellow one
    /// can still change), only by its author's post, and only once (<paramref name="alreadySigned"/>, from the signature store).
    /// </summary>
    public FileError? MaySign(IEnumerable<int> signerPosts, bool alreadySigned)
    {
        if (!IsConfirmed) return FileError.NoteNotConfirmed;
        if (!signerPosts.Contains(AuthorPostId)) return FileError.NotYourNote;
        if (alreadySigned) return FileError.NoteSigned;
        return null;
    }
}
