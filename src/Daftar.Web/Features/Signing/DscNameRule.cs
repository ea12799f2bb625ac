using System.Globalization;
using System.Text;

namespace Daftar.Web.Features.Signing;

/// <summary>
/// Whether a DSC names the employee who registers it. A licensed CA writes the holder's name as verified at issue
/// (usually in capitals, sometimes with initials or a title); Daftar keeps the name in English and in Hindi. The rule is
/// written out in <see cref="Description"/> and shown to administrators; a DSC that fails it waits for their approval.
/// </summary>
public static class DscNameRule
{
    public const string Description =
        "The name on the certificate (its common name) must be the employee's name in English or in Hindi: the same words in any order, ignoring capitals, dots and titles (Shri, Smt., Kumari, Dr., Mr., Mrs., Ms.); an initial counts for a word that starts with it, but at least one word must be written in full. Any other certificate waits for an administrator's approval.";

    private static readonly HashSet<string> Titles =
        ["shri", "sri", "smt", "shrimati", "kumari", "km", "sushri", "dr", "mr", "mrs", "ms", "miss", "श्री", "श्रीमती", "सुश्री", "कुमारी", "डॉ", "डा"];

    public static bool Matches(string certificateName, string nameEn, string? nameHi) =>
        Same(Words(certificateName), Words(nameEn)) || (nameHi is { Length: > 0 } && Same(Words(certificateName), Words(nameHi)));

    private static bool Same(List<string> certificate, List<string> employee)
    {
        if (certificate.Count == 0 || certificate.Count != employee.Count) return false;
        var left = new List<string>(employee);
        var full = 0;
        foreach (var word in certificate.Where(w => w.Length > 1))
        {
            if (!left.Remove(word)) return false;
            full++;
        }
        foreach (var initial in certificate.Where(w => w.Length == 1))
        {
            var match = left.FirstOrDefault(w => w.StartsWith(initial, StringComparison.Ordinal));
            if (match is null) return false;
            left.Remove(match);
        }
        return full > 0 && left.Count == 0;
    }

    private static List<string> Words(string name) =>
        name.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture)
            .Split([' ', '.', ',', '\t', '-', '_'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => !Titles.Contains(w)).ToList();
}
