using System.Globalization;
using System.Text;

namespace Daftar.Search;

/// <summary>
/// Daftar's own word splitting for full-text search, the same for SQLite and PostgreSQL and independent of the
/// database's locale: text is normalised (NFC, lower case), and a word is a run of letters, combining marks and digits,
/// so a Devanagari word keeps its vowel signs and viramas. Zero-width joiners and other format characters inside a
/// word are dropped rather than splitting it. Stored as the words separated by single spaces.
/// </summary>
public static class SearchTerms
{
    public const int MaxLength = 20_000;
    private const int MaxWordLength = 60;

    public static string Of(params string?[] parts)
    {
        var words = new List<string>();
        foreach (var part in parts)
            if (!string.IsNullOrEmpty(part)) Split(part, words);
        var sb = new StringBuilder();
        foreach (var w in words)
        {
            if (sb.Length + w.Length + 1 > MaxLength) break;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(w);
        }
        return sb.ToString();
    }

    /// <summary>The words of a query, each to be matched as a prefix; duplicates removed; at most 10.</summary>
    public static IReadOnlyList<string> Query(string? query)
    {
        var words = new List<string>();
        if (!string.IsNullOrWhiteSpace(query)) Split(query, words);
        return words.Distinct().Take(10).ToList();
    }

    private static void Split(string text, List<string> words)
    {
        var normal = text.Normalize(NormalizationForm.FormC);
        var word = new StringBuilder();
        foreach (var rune in normal.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (IsWordPart(category))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (category != UnicodeCategory.Format)
            {
                Flush(word, words);
            }
        }
        Flush(word, words);
    }

    private static bool IsWordPart(UnicodeCategory c) => c is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length == 0) return;
        var w = word.ToString();
        word.Clear();
        words.Add(w.Length > MaxWordLength ? w[..MaxWordLength] : w);
    }
}
