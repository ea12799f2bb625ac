using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Daftar.Signing;

/// <summary>
/// Copies the first page of another PDF into a revision being written, as a form XObject: its content streams (inflated
/// and joined) and every object its resources reach (fonts with their embedded files and ToUnicode maps), renumbered
/// from <c>next</c>. This is how a signature block rendered by Chromium — Devanagari shaped, text extractable — becomes
/// a signature's appearance; the standard PDF fonts have no Devanagari and PDFsharp does not shape it.
/// </summary>
internal sealed partial class PdfGraft
{
    private readonly PdfStructure _source;
    private readonly Dictionary<int, int> _numbers = [];
    private readonly SortedDictionary<int, string> _objects;
    private int _next;

    private PdfGraft(PdfStructure source, SortedDictionary<int, string> objects, int next)
    {
        _source = source;
        _objects = objects;
        _next = next;
    }

    [GeneratedRegex(@"(\d+)\s+(\d+)\s+R\b")]
    private static partial Regex Reference();

    /// <summary>
    /// Adds the objects the first page of <paramref name="pdf"/> needs to <paramref name="objects"/> (numbered from
    /// <paramref name="next"/>, which moves past them) and returns the body of a form XObject drawing that page scaled
    /// into <paramref name="width"/> × <paramref name="height"/>.
    /// </summary>
    public static string Form(byte[] pdf, float width, float height, SortedDictionary<int, string> objects, ref int next)
    {
        var source = PdfStructure.Read(pdf);
        var pages = source.Pages();
        if (pages.Count == 0) throw new UnsupportedPdfException("The signature block has no page.");
        var page = source.DictionaryOf(pages[0].Number);
        var graft = new PdfGraft(source, objects, next);

        var box = Numbers(graft.Resolve(PdfStructure.Value(page, "MediaBox") ?? "[0 0 595 842]"));
        var (x0, y0, x1, y1) = box.Length == 4 ? (box[0], box[1], box[2], box[3]) : (0f, 0f, 595f, 842f);
        var resources = PdfStructure.Value(page, "Resources") ?? "<< >>";
        var contents = PdfStructure.Value(page, "Contents") is { } value
            ? PdfStructure.Ref(value) is { } one && !graft.Resolve(value).StartsWith('[') ? [one] : PdfStructure.Refs(graft.Resolve(value)).ToList()
            : [];
        var drawing = new StringBuilder();
        foreach (var content in contents) drawing.Append(graft.StreamData(content.Number)).Append('\n');
        var compressed = Deflate(drawing.ToString());

        var form = string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /XObject /Subtype /Form /BBox [{x0:0.###} {y0:0.###} {x1:0.###} {y1:0.###}] /Matrix [{width / (x1 - x0):0.#####} 0 0 {height / (y1 - y0):0.#####} {-x0 * width / (x1 - x0):0.###} {-y0 * height / (y1 - y0):0.###}] /Resources {graft.Renumber(resources)} /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n{compressed}\nendstream");
        next = graft._next;
        return form;
    }

    /// <summary>A value as written, or the object it refers to.</summary>
    private string Resolve(string value) => PdfStructure.Ref(value) is { } reference && value.Trim().EndsWith('R') ? _source.Object(reference.Number) : value;

    /// <summary>The references in a dictionary or array, pointed at the copies (made on first use).</summary>
    private string Renumber(string text) => Reference().Replace(text, m => $"{Copy(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))} 0 R");

    private int Copy(int number)
    {
        if (_numbers.TryGetValue(number, out var copied)) return copied;
        var body = _source.Object(number);
        var type = body.StartsWith("<<", StringComparison.Ordinal) ? PdfStructure.Value(PdfStructure.Balanced(body, 0), "Type") : null;
        if (type is "/Page" or "/Pages" or "/Catalog" or "/Annot")
            throw new UnsupportedPdfException("The signature block's resources point back into its document.");
        copied = _numbers[number] = _next++;
        if (body.StartsWith("<<", StringComparison.Ordinal))
        {
            var dictionary = PdfStructure.Balanced(body, 0);
            _objects[copied] = Renumber(dictionary) + body[dictionary.Length..];   // a stream after it is copied byte for byte
        }
        else
        {
            _objects[copied] = body.StartsWith('[') ? Renumber(body) : body;
        }
        return copied;
    }

    /// <summary>The decoded bytes of a content stream (as Latin-1 text), inflated when it is Flate-encoded.</summary>
    private string StreamData(int number)
    {
        var body = _source.Object(number);
        var dictionary = PdfStructure.Balanced(body, 0);
        var length = int.Parse(Resolve(PdfStructure.Value(dictionary, "Length") ?? throw new UnsupportedPdfException("A content stream has no /Length.")).Trim(), CultureInfo.InvariantCulture);
        var start = body.IndexOf("stream", dictionary.Length, StringComparison.Ordinal) + "stream".Length;
        if (body[start] == '\r') start++;
        if (body[start] == '\n') start++;
        var data = Encoding.Latin1.GetBytes(body.Substring(start, length));
        var filter = PdfStructure.Value(dictionary, "Filter");
        if (filter is null) return Encoding.Latin1.GetString(data);
        if (filter.Trim('[', ']', ' ') != "/FlateDecode") throw new UnsupportedPdfException($"The signature block's content uses {filter}, which is not read here.");
        using var inflater = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        inflater.CopyTo(plain);
        return Encoding.Latin1.GetString(plain.ToArray());
    }

    private static string Deflate(string text)
    {
        using var output = new MemoryStream();
        using (var deflater = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) deflater.Write(Encoding.Latin1.GetBytes(text));
        return Encoding.Latin1.GetString(output.ToArray());
    }

    private static float[] Numbers(string array) =>
        array.Trim('[', ']', ' ').Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(n => float.TryParse(n, CultureInfo.InvariantCulture, out var f) ? f : 0).ToArray();
}
