using Ganss.Xss;
using Markdig;

namespace Daftar.Web.Features.Files;

/// <summary>
/// Turns what an officer types into the note's HTML: paragraphs, "- " or "1." lists, *emphasis* and **bold**.
/// Raw HTML in the text is not interpreted, and the result is sanitised again, so no script reaches a page.
/// </summary>
public sealed class NoteText
{
    public const int MaxLength = 50_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak().Build();
    private readonly HtmlSanitizer _sanitizer;

    public NoteText()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "ul", "ol", "li", "em", "strong", "blockquote", "h3", "h4", "code", "pre" }) _sanitizer.AllowedTags.Add(tag);
        _sanitizer.AllowedAttributes.Clear();
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedCssProperties.Clear();
    }

    public string ToHtml(string text) => _sanitizer.Sanitize(Markdown.ToHtml(Normalise(text), Pipeline));

    /// <summary>NFC, Unix line ends, no control characters except new lines and tabs, no bidi overrides or other hiding formats.</summary>
    public static string Normalise(string text) =>
        new(Daftar.People.Text.WellFormed(text).Normalize(System.Text.NormalizationForm.FormC).Replace("\r\n", "\n").Replace('\r', '\n')
            .Where(c => c is '\n' or '\t' || !char.IsControl(c) && !Daftar.People.Text.IsHidingFormat(c))
            .ToArray());
}
