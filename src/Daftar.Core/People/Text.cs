using System.Text;

namespace Daftar.People;

/// <summary>Normalisation shared by everything that stores or searches names in either script.</summary>
public static class Text
{
    /// <summary>NFC-normalised, trimmed, inner whitespace collapsed; null when nothing is left.</summary>
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var normalized = value.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(normalized.Length);
        var lastWasSpace = false;
        foreach (var ch in normalized.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
            }
            else if (!char.IsControl(ch))
            {
                sb.Append(ch);
                lastWasSpace = false;
            }
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>The lower-cased text a search matches against; built from every name a thing is known by.</summary>
    public static string SearchKey(params string?[] parts) =>
        string.Join(' ', parts.Select(Clean).Where(p => p is not null)).ToLowerInvariant();

    /// <summary>A LIKE pattern that matches <paramref name="query"/> anywhere, with LIKE's wildcards escaped.</summary>
    public static string ContainsPattern(string query) =>
        "%" + (Clean(query) ?? "").ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
