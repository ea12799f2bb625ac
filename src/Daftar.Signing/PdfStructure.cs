using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Daftar.Signing;

/// <summary>A PDF this library will not sign or read, with the reason in words.</summary>
public sealed class UnsupportedPdfException(string message) : Exception(message);

/// <summary>An indirect reference, "12 0 R".</summary>
public readonly record struct PdfRef(int Number, int Generation)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {Generation} R");
}

/// <summary>One incremental section of a PDF: where its cross-reference table starts and the objects it (re)defines.</summary>
public sealed record PdfRevision(long XrefOffset, long EndOffset, IReadOnlyDictionary<int, long> Objects, string Trailer);

/// <summary>
/// The little of PDF's file structure that incremental signing needs: classic cross-reference tables followed back
/// through /Prev, objects read by number, and dictionaries edited as text. PDFs with cross-reference streams (and
/// objects in object streams) are refused with a clear message; Daftar's own PDFs (rendered by Chromium) and every
/// revision this library appends use classic tables.
/// </summary>
public sealed partial class PdfStructure
{
    private readonly byte[] _pdf;
    private readonly string _text;
    private readonly Dictionary<int, long> _offsets = [];

    private PdfStructure(byte[] pdf)
    {
        _pdf = pdf;
        _text = Encoding.Latin1.GetString(pdf);
    }

    /// <summary>Revisions, oldest first.</summary>
    public List<PdfRevision> Revisions { get; } = [];

    public string Trailer => Revisions[^1].Trailer;
    public long LastXref => Revisions[^1].XrefOffset;
    public int Size => int.Parse(Value(Trailer, "Size") ?? throw new UnsupportedPdfException("The PDF's trailer has no /Size."), CultureInfo.InvariantCulture);
    public PdfRef Root => Ref(Value(Trailer, "Root")) ?? throw new UnsupportedPdfException("The PDF's trailer names no catalog (/Root).");
    public string Text => _text;
    public byte[] Bytes => _pdf;

    [GeneratedRegex(@"startxref\s+(\d+)\s+%%EOF")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"^\s*(\d+)\s+(\d+)\s+R")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(\d+)\s+(\d+)\s+R")]
    private static partial Regex AnyReference();

    public static PdfStructure Read(byte[] pdf)
    {
        var structure = new PdfStructure(pdf);
        if (!structure._text.StartsWith("%PDF-", StringComparison.Ordinal)) throw new UnsupportedPdfException("This is not a PDF.");
        var last = StartXref().Matches(structure._text).LastOrDefault() ?? throw new UnsupportedPdfException("The PDF has no startxref: it is incomplete.");
        var sections = new List<PdfRevision>();
        var seen = new HashSet<long>();
        long? at = long.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture);
        while (at is { } offset)
        {
            if (!seen.Add(offset) || offset < 0 || offset >= pdf.Length) throw new UnsupportedPdfException("The PDF's cross-reference chain is broken.");
            var section = structure.ReadSection(offset);
            sections.Add(section);
            at = Value(section.Trailer, "Prev") is { } prev ? long.Parse(prev, CultureInfo.InvariantCulture) : null;
        }
        sections.Reverse();
        foreach (var section in sections)
            foreach (var (number, offset) in section.Objects) structure._offsets[number] = offset;
        structure.Revisions.AddRange(sections);
        return structure;
    }

    private PdfRevision ReadSection(long offset)
    {
        var position = (int)offset;
        if (string.CompareOrdinal(_text, position, "xref", 0, 4) != 0)
            throw new UnsupportedPdfException("The PDF uses a cross-reference stream (PDF 1.5 compression); Daftar signs PDFs with classic cross-reference tables, like the ones it renders.");
        var objects = new Dictionary<int, long>();
        var trailerAt = _text.IndexOf("trailer", position, StringComparison.Ordinal);
        if (trailerAt < 0) throw new UnsupportedPdfException("The PDF has no trailer.");
        var reader = new StringReader(_text[(position + 4)..trailerAt]);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            var head = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 2 || !int.TryParse(head[0], CultureInfo.InvariantCulture, out var first) || !int.TryParse(head[1], CultureInfo.InvariantCulture, out var count))
                throw new UnsupportedPdfException("The PDF's cross-reference table is damaged.");
            for (var i = 0; i < count; i++)
            {
                var entry = (reader.ReadLine() ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (entry.Length != 3) throw new UnsupportedPdfException("The PDF's cross-reference table is damaged.");
                if (entry[2] == "n") objects[first + i] = long.Parse(entry[0], CultureInfo.InvariantCulture);
            }
        }
        var trailer = DictionaryAt(trailerAt + 7);
        var end = _text.IndexOf("%%EOF", trailerAt, StringComparison.Ordinal);
        return new PdfRevision(offset, end < 0 ? _text.Length : end + 5, objects, trailer);
    }

    /// <summary>The body of object <paramref name="number"/> (what lies between "obj" and "endobj"), as written in its newest revision.</summary>
    public string Object(int number)
    {
        if (!_offsets.TryGetValue(number, out var offset)) throw new UnsupportedPdfException($"Object {number} is not in the PDF's cross-reference table (it may be in an object stream).");
        return ObjectAt(offset);
    }

    public string ObjectAt(long offset)
    {
        var start = _text.IndexOf("obj", (int)offset, StringComparison.Ordinal);
        var end = _text.IndexOf("endobj", start, StringComparison.Ordinal);
        if (start < 0 || end < 0) throw new UnsupportedPdfException("An object of the PDF is damaged.");
        return _text[(start + 3)..end].Trim();
    }

    /// <summary>The dictionary of an object ("&lt;&lt; … &gt;&gt;", without a stream that may follow).</summary>
    public string DictionaryOf(int number)
    {
        var body = Object(number);
        return body.StartsWith("<<", StringComparison.Ordinal) ? Balanced(body, 0) : throw new UnsupportedPdfException($"Object {number} is not a dictionary.");
    }

    private string DictionaryAt(int from)
    {
        var start = _text.IndexOf("<<", from, StringComparison.Ordinal);
        return start < 0 ? throw new UnsupportedPdfException("A dictionary of the PDF is damaged.") : Balanced(_text, start);
    }

    /// <summary>The balanced &lt;&lt;…&gt;&gt; or […] starting at <paramref name="start"/>, skipping strings.</summary>
    public static string Balanced(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '(')
            {
                i = SkipLiteralString(text, i);
                continue;
            }
            if (c == '<' && i + 1 < text.Length && text[i + 1] == '<') { depth++; i++; }
            else if (c == '>' && i + 1 < text.Length && text[i + 1] == '>') { depth--; i++; }
            else if (c == '[') depth++;
            else if (c == ']') depth--;
            if (depth == 0) return text[start..(i + 1)];
        }
        throw new UnsupportedPdfException("A dictionary of the PDF is not closed.");
    }

    private static int SkipLiteralString(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return text.Length;
    }

    /// <summary>The raw value of a key at the top level of a dictionary: a name, number, reference, array or dictionary, as text.</summary>
    public static string? Value(string dictionary, string key)
    {
        var (start, end) = ValueSpan(dictionary, key);
        return start < 0 ? null : dictionary[start..end].Trim();
    }

    /// <summary>Where a top-level key's value lies in the dictionary, or (-1, -1).</summary>
    public static (int Start, int End) ValueSpan(string dictionary, string key)
    {
        var depth = 0;
        for (var i = 0; i < dictionary.Length; i++)
        {
            var c = dictionary[i];
            if (c == '(') { i = SkipLiteralString(dictionary, i); continue; }
            if (c == '<' && i + 1 < dictionary.Length && dictionary[i + 1] == '<') { depth++; i++; continue; }
            if (c == '>' && i + 1 < dictionary.Length && dictionary[i + 1] == '>') { depth--; i++; continue; }
            if (c == '[') { depth++; continue; }
            if (c == ']') { depth--; continue; }
            if (c != '/' || depth != 1) continue;
            var nameEnd = i + 1;
            while (nameEnd < dictionary.Length && !IsDelimiter(dictionary[nameEnd])) nameEnd++;
            if (dictionary.AsSpan(i + 1, nameEnd - i - 1).SequenceEqual(key))
            {
                var valueStart = nameEnd;
                while (valueStart < dictionary.Length && char.IsWhiteSpace(dictionary[valueStart])) valueStart++;
                return (valueStart, ValueEnd(dictionary, valueStart));
            }
            // Skip this key's value so that a value which is itself a name is not taken for a key.
            var skipFrom = nameEnd;
            while (skipFrom < dictionary.Length && char.IsWhiteSpace(dictionary[skipFrom])) skipFrom++;
            i = ValueEnd(dictionary, skipFrom) - 1;
        }
        return (-1, -1);
    }

    private static int ValueEnd(string text, int start)
    {
        if (start >= text.Length) return start;
        var c = text[start];
        if (c == '<' && start + 1 < text.Length && text[start + 1] == '<' || c == '[') return start + Balanced(text, start).Length;
        if (c == '(') return SkipLiteralString(text, start) + 1;
        if (c == '<') return text.IndexOf('>', start) + 1;
        if (Reference().Match(text[start..]) is { Success: true } reference) return start + reference.Length;
        var end = c == '/' ? start + 1 : start;
        while (end < text.Length && !IsDelimiter(text[end])) end++;
        return end;
    }

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c is '/' or '<' or '>' or '[' or ']' or '(' or ')' or '{' or '}' or '%';

    public static PdfRef? Ref(string? value) =>
        value is not null && Reference().Match(value) is { Success: true } m
            ? new PdfRef(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;

    public static IEnumerable<PdfRef> Refs(string value) =>
        AnyReference().Matches(value).Select(m => new PdfRef(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));

    /// <summary>The dictionary with a key set to a value (replaced where present, added before the closing &gt;&gt; otherwise).</summary>
    public static string With(string dictionary, string key, string value)
    {
        var (start, end) = ValueSpan(dictionary, key);
        if (start >= 0) return dictionary[..start] + value + dictionary[end..];
        var close = dictionary.LastIndexOf(">>", StringComparison.Ordinal);
        return dictionary[..close].TrimEnd() + $" /{key} {value} >>";
    }

    /// <summary>The dictionary without a key, to compare two revisions of an object apart from what signing changes.</summary>
    public static string Without(string dictionary, string key)
    {
        var (start, end) = ValueSpan(dictionary, key);
        if (start < 0) return dictionary;
        var keyStart = dictionary.LastIndexOf('/' + key, start, StringComparison.Ordinal);
        return dictionary[..keyStart] + dictionary[end..];
    }

    /// <summary>The pages in order, following the page tree from the catalog.</summary>
    public List<PdfRef> Pages()
    {
        var pages = new List<PdfRef>();
        var root = Ref(Value(DictionaryOf(Root.Number), "Pages")) ?? throw new UnsupportedPdfException("The PDF's catalog has no page tree.");
        Collect(root, 0);
        return pages;

        void Collect(PdfRef node, int depth)
        {
            if (depth > 64) throw new UnsupportedPdfException("The PDF's page tree is too deep.");
            var dictionary = DictionaryOf(node.Number);
            if (Value(dictionary, "Type") == "/Page") pages.Add(node);
            else foreach (var kid in Refs(Value(dictionary, "Kids") ?? "[]")) Collect(kid, depth + 1);
        }
    }
}
