using System.Text;

namespace Daftar.People;

/// <summary>Normalisation shared by everything that stores or searches names in either script.</summary>
public static class Text
{
    /// <summary>
    /// Characters that only hide or reorder text: bidi embeddings, overrides, isolates and marks, the zero-width space,
    /// word joiners and the BOM. They let one name or subject look like another, and no Hindi or English text needs
    /// them (the zero-width joiner and non-joiner that Devanagari does need are kept).
    /// </summary>
    public static bool IsHidingFormat(char c) =>
        c is '\u200B' or '\u200E' or '\u200F' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2069');

    /// <summary>The text with every unpaired surrogate replaced by U+FFFD, so that it can be normalised and stored.</summary>
    public static string WellFormed(string value)
    {
        var bad = false;
        for (var i = 0; i < value.Length && !bad; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) bad = true;
        }
        if (!bad) return value;
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    /// <summary>NFC-normalised, trimmed, inner whitespace collapsed, controls and hiding formats removed; null when nothing is left.</summary>
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var normalized = WellFormed(value).Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(normalized.Length);
        var lastWasSpace = false;
        foreach (var ch in normalized.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
            }
            else if (!char.IsControl(ch) && !IsHidingFormat(ch))
            {
                sb.Append(ch);
                lastWasSpace = false;
            }
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>
    /// Text that keeps its lines (minutes, notes, remarks): NFC, Unix line ends, controls other than new lines and tabs
    /// and hiding formats removed, spaces at line ends and more than one empty line in a row dropped, trimmed; null
    /// when nothing is left. <see cref="Clean"/> is for one-line values and would run "1. … 2. …" together.
    /// </summary>
    public static string? Paragraphs(string? value)
    {
        if (value is null) return null;
        var text = new string(WellFormed(value).Normalize(NormalizationForm.FormC).Replace("\r\n", "\n").Replace('\r', '\n')
            .Where(c => c is '\n' or '\t' || !char.IsControl(c) && !IsHidingFormat(c)).ToArray());
        var lines = text.Split('\n').Select(l => l.TrimEnd());
        var sb = new StringBuilder(text.Length);
        var empty = 0;
        foreach (var line in lines)
        {
            empty = line.Length == 0 ? empty + 1 : 0;
            if (empty < 2) sb.Append(line).Append('\n');
        }
        var result = sb.ToString().Trim();
        return result.Length == 0 ? null : result;
    }

    /// <summary>The lower-cased text a search matches against; built from every name a thing is known by.</summary>
    public static string SearchKey(params string?[] parts) =>
        string.Join(' ', parts.Select(Clean).Where(p => p is not null)).ToLowerInvariant();

    /// <summary>A LIKE pattern that matches <paramref name="query"/> anywhere, with LIKE's wildcards escaped.</summary>
    public static string ContainsPattern(string query) =>
        "%" + (Clean(query) ?? "").ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
