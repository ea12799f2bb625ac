using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Daftar.Signing;

/// <summary>
/// One signature of a PDF as a verifier reports it: what the PDF says about the signer (name, designation as the
/// reason, department as the location), what the CMS check found (certificate, timestamp, revocation then and now),
/// and whether the document was changed after this signature by anything other than later signatures.
/// </summary>
public sealed record PdfSignatureReport(int Index, string FieldName, string? SignerName, string? Designation, string? Department,
    SignatureCheck Check, bool CoversWholeDocument, bool ChangedAfterSigning, string? Problem)
{
    public bool Valid => Check.Valid && !ChangedAfterSigning && Problem is null;
}

public static partial class PdfVerifier
{
    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRange();

    /// <summary>Every signature in the PDF, in the order they were made. An empty list means the PDF carries none.</summary>
    public static IReadOnlyList<PdfSignatureReport> Verify(byte[] pdf, TrustContext trust)
    {
        PdfStructure structure;
        try
        {
            structure = PdfStructure.Read(pdf);
        }
        catch (UnsupportedPdfException)
        {
            return [];
        }
        var text = structure.Text;
        var reports = new List<PdfSignatureReport>();
        foreach (var field in SignatureFields(structure))
        {
            var (name, dictionary) = field;
            var index = reports.Count + 1;
            var rangeMatch = ByteRange().Match(dictionary);
            var contents = PdfStructure.Value(dictionary, "Contents");
            if (!rangeMatch.Success || contents is null || !contents.StartsWith('<'))
            {
                reports.Add(Broken(index, name, dictionary, "The signature has no byte range or contents."));
                continue;
            }
            var r = Enumerable.Range(1, 4).Select(i => long.Parse(rangeMatch.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
            var end = r[2] + r[3];
            if (r[0] != 0 || r[1] >= r[2] || end > pdf.Length || text[(int)r[1]] != '<' || text[(int)r[2] - 1] != '>')
            {
                reports.Add(Broken(index, name, dictionary, "The signature's byte range does not match the file: the file was cut or rearranged."));
                continue;
            }
            var covered = new byte[r[1] + r[3]];
            Array.Copy(pdf, 0, covered, 0, r[1]);
            Array.Copy(pdf, r[2], covered, r[1], r[3]);
            byte[] cms;
            try
            {
                cms = DerPrefix(Convert.FromHexString(text[(int)(r[1] + 1)..(int)(r[2] - 1)]));
            }
            catch (FormatException)
            {
                reports.Add(Broken(index, name, dictionary, "The signature's contents are not a hex string."));
                continue;
            }
            var check = SignatureVerifier.VerifyDetached(covered, cms, trust);
            var revisionEnd = structure.Revisions.FirstOrDefault(v => v.EndOffset >= end - 2 && v.EndOffset <= end + 2);
            string? problem = revisionEnd is null ? "The signature does not end where a revision of the file ends." : null;
            var changed = problem is null && !OnlySignaturesAfter(structure, revisionEnd!);
            reports.Add(new PdfSignatureReport(index, name, TextOf(PdfStructure.Value(dictionary, "Name")), TextOf(PdfStructure.Value(dictionary, "Reason")),
                TextOf(PdfStructure.Value(dictionary, "Location")), check, end >= pdf.Length - 2, changed,
                problem ?? (changed ? "The document was changed after this signature (by something other than a later signature)." : null)));
        }
        return reports;
    }

    /// <summary>
    /// The CMS itself out of the zero-padded /Contents: as long as its outer DER length says. (Trimming trailing zeros
    /// instead would cut a signature whose last byte happens to be zero.)
    /// </summary>
    private static byte[] DerPrefix(byte[] contents)
    {
        if (contents.Length < 2 || contents[0] != 0x30) return contents;
        long length;
        int header;
        if (contents[1] < 0x80)
        {
            length = contents[1];
            header = 2;
        }
        else
        {
            var count = contents[1] & 0x7F;
            if (count is 0 or > 4 || contents.Length < 2 + count) return contents;
            length = 0;
            for (var i = 0; i < count; i++) length = (length << 8) | contents[2 + i];
            header = 2 + count;
        }
        return header + length <= contents.Length ? contents[..(int)(header + length)] : contents;
    }

    private static PdfSignatureReport Broken(int index, string name, string dictionary, string problem) =>
        new(index, name, TextOf(PdfStructure.Value(dictionary, "Name")), TextOf(PdfStructure.Value(dictionary, "Reason")), TextOf(PdfStructure.Value(dictionary, "Location")),
            SignatureCheck.Broken("malformed", problem), false, true, problem);

    /// <summary>The signature fields of the form, in order, with their signature dictionaries.</summary>
    private static IEnumerable<(string Name, string Dictionary)> SignatureFields(PdfStructure structure)
    {
        var catalog = structure.DictionaryOf(structure.Root.Number);
        var formValue = PdfStructure.Value(catalog, "AcroForm");
        if (formValue is null) yield break;
        var form = PdfStructure.Ref(formValue) is { } formRef ? structure.DictionaryOf(formRef.Number) : formValue;
        foreach (var fieldRef in PdfStructure.Refs(PdfStructure.Value(form, "Fields") ?? "[]"))
        {
            var field = structure.DictionaryOf(fieldRef.Number);
            if (PdfStructure.Value(field, "FT") != "/Sig") continue;
            var value = PdfStructure.Value(field, "V");
            if (value is null) continue;
            var dictionary = PdfStructure.Ref(value) is { } sigRef ? structure.DictionaryOf(sigRef.Number) : value;
            yield return (TextOf(PdfStructure.Value(field, "T")) ?? $"Signature{fieldRef.Number}", dictionary);
        }
    }

    /// <summary>
    /// True when every revision after <paramref name="signed"/> only adds signatures: new signature dictionaries, widgets,
    /// their appearances and fonts, and new versions of the catalog, form, pages and annotation arrays that differ from
    /// the versions before only in /AcroForm, /Fields, /SigFlags or /Annots.
    /// </summary>
    private static bool OnlySignaturesAfter(PdfStructure structure, PdfRevision signed)
    {
        var index = structure.Revisions.IndexOf(signed);
        var known = new Dictionary<int, long>();
        for (var i = 0; i <= index; i++)
            foreach (var (number, offset) in structure.Revisions[i].Objects) known[number] = offset;
        for (var i = index + 1; i < structure.Revisions.Count; i++)
        {
            foreach (var (number, offset) in structure.Revisions[i].Objects)
            {
                var body = structure.ObjectAt(offset);
                if (known.TryGetValue(number, out var before))
                {
                    var old = structure.ObjectAt(before);
                    if (old.StartsWith('[') && body.StartsWith('[') && PdfStructure.Refs(old).All(PdfStructure.Refs(body).Contains)) { known[number] = offset; continue; }
                    if (!old.StartsWith("<<", StringComparison.Ordinal) || !body.StartsWith("<<", StringComparison.Ordinal)) return false;
                    if (Normalise(Strip(old)) != Normalise(Strip(body))) return false;
                    // Whatever follows the dictionary (a stream) must not have changed at all.
                    if (old[PdfStructure.Balanced(old, 0).Length..].Trim() != body[PdfStructure.Balanced(body, 0).Length..].Trim()) return false;
                }
                else if (!IsSignaturePart(body))
                {
                    return false;
                }
                known[number] = offset;
            }
        }
        return true;

        static string Strip(string dictionary)
        {
            var d = PdfStructure.Balanced(dictionary, 0);
            foreach (var key in new[] { "AcroForm", "Fields", "SigFlags", "Annots" }) d = PdfStructure.Without(d, key);
            return d;
        }

        static string Normalise(string s) => Regex.Replace(s, @"\s+", " ").Replace("<< ", "<<").Replace(" >>", ">>").Trim();
    }

    /// <summary>
    /// A new object a signature may bring: its dictionary and widget, the widget's appearance and what the appearance
    /// draws with (fonts, their descriptors, embedded font files and ToUnicode maps, graphics states, width arrays and
    /// lengths), or a form. None of these is reachable from a page except through the signature's own widget.
    /// </summary>
    private static bool IsSignaturePart(string body)
    {
        if (body.StartsWith('[') || body.All(char.IsAsciiDigit)) return true;
        if (!body.StartsWith("<<", StringComparison.Ordinal)) return false;
        var dictionary = PdfStructure.Balanced(body, 0);
        var type = PdfStructure.Value(dictionary, "Type");
        var subtype = PdfStructure.Value(dictionary, "Subtype");
        var isStream = body[dictionary.Length..].TrimStart().StartsWith("stream", StringComparison.Ordinal);
        return type == "/Sig"
               || subtype == "/Widget" && PdfStructure.Value(dictionary, "FT") == "/Sig"
               || type == "/XObject" && subtype == "/Form"
               || type is "/Font" or "/FontDescriptor" or "/ExtGState"
               || type is null && isStream && PdfStructure.Value(dictionary, "Subtype") is null or "/Type1C" or "/CIDFontType0C" or "/OpenType"
               || type is null && !isStream && subtype is null && PdfStructure.Value(dictionary, "Fields") is null && PdfStructure.Value(dictionary, "S") is null
               || PdfStructure.Value(dictionary, "Fields") is not null;
    }

    /// <summary>A PDF text string as .NET text: a literal (Latin-1, escapes undone) or UTF-16BE hex with its byte-order mark.</summary>
    public static string? TextOf(string? value)
    {
        if (value is null) return null;
        if (value.StartsWith("<FEFF", StringComparison.OrdinalIgnoreCase) && value.EndsWith('>'))
            return Encoding.BigEndianUnicode.GetString(Convert.FromHexString(value[5..^1]));
        if (value.StartsWith('(') && value.EndsWith(')'))
        {
            var sb = new StringBuilder();
            for (var i = 1; i < value.Length - 1; i++)
            {
                if (value[i] == '\\' && i + 1 < value.Length - 1) i++;
                sb.Append(value[i]);
            }
            return sb.ToString();
        }
        return value;
    }
}
