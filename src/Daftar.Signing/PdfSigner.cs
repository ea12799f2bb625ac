using System.Globalization;
using System.Text;

namespace Daftar.Signing;

/// <summary>
/// Who signs, as the visible block and the signature dictionary will show it (the PDF carries it, so a verifier can too).
/// <paramref name="Block"/> is the visible block already rendered as a one-page PDF of
/// <see cref="PdfSigner.BlockWidth"/> × <see cref="PdfSigner.BlockHeight"/> points (Chromium, any script); without it
/// the block is drawn here in Helvetica, which has Latin letters only.
/// </summary>
public sealed record PdfSignatureRequest(string SignerName, string Designation, string Department, string? Reason = null, string? Location = null, byte[]? Block = null);

/// <summary>
/// PAdES signing by incremental update: the signature dictionary (ETSI.CAdES.detached, with a timestamp), its widget
/// with a visible block (name, designation, department, date), the page's updated /Annots and the form's updated
/// /Fields are appended after the existing bytes with a new cross-reference section pointing back (/Prev). Nothing
/// already in the file changes, so every earlier signature stays valid: several officers can sign one order or one
/// set of minutes. See ADR 0012.
/// </summary>
public static class PdfSigner
{
    /// <summary>Room for the CMS: a 4096-bit signature, three certificates, a timestamp token with its own chain.</summary>
    public const int ContentsBytes = 16 * 1024;
    private const int ByteRangeWidth = 48;
    public const float BlockWidth = 170, BlockHeight = 66;
    /// <summary>The first row of blocks sits inside the 30 mm bottom margin Daftar's documents keep free (85 pt), clear of the QR code above it.</summary>
    private const float Margin = 36, Bottom = 14, Gap = 8;

    public static byte[] Sign(byte[] pdf, IDocumentSigner signer, PdfSignatureRequest request, DateTimeOffset now)
    {
        var structure = PdfStructure.Read(pdf);
        var root = structure.Root;
        var catalog = structure.DictionaryOf(root.Number);
        var pages = structure.Pages();
        if (pages.Count == 0) throw new UnsupportedPdfException("The PDF has no pages.");
        var page = pages[^1];
        var pageDictionary = structure.DictionaryOf(page.Number);

        // The form: inline in the catalog, an object of its own, or not there yet.
        var formValue = PdfStructure.Value(catalog, "AcroForm");
        var formRef = PdfStructure.Ref(formValue);
        var form = formRef is { } existingForm ? structure.DictionaryOf(existingForm.Number) : formValue ?? "<< /Fields [] >>";
        var fields = PdfStructure.Refs(PdfStructure.Value(form, "Fields") ?? "[]").ToList();
        var slot = fields.Count;

        var next = structure.Size;
        var signatureNumber = next++;
        var widgetNumber = next++;
        var appearanceNumber = next++;
        var formNumber = formRef?.Number ?? next++;

        // Blocks fill the bottom of the last page from the left, three to a row, rows going up.
        var (width, _) = MediaBox(structure, pageDictionary);
        var perRow = Math.Max(1, (int)((width - 2 * Margin + Gap) / (BlockWidth + Gap)));
        var x = Margin + slot % perRow * (BlockWidth + Gap);
        var y = Bottom + slot / perRow * (BlockHeight + Gap);
        var rect = string.Create(CultureInfo.InvariantCulture, $"[{x:0.##} {y:0.##} {x + BlockWidth:0.##} {y + BlockHeight:0.##}]");

        var objects = new SortedDictionary<int, string>
        {
            [widgetNumber] = $"<< /Type /Annot /Subtype /Widget /FT /Sig /T {Literal($"Signature{slot + 1}")} /V {signatureNumber} 0 R /Rect {rect} /F 132 /P {page} /AP << /N {appearanceNumber} 0 R >> >>",
            [formNumber] = PdfStructure.With(PdfStructure.With(form, "Fields", "[" + string.Join(" ", fields.Append(new PdfRef(widgetNumber, 0))) + "]"), "SigFlags", "3"),
        };
        if (request.Block is { } block)
        {
            objects[appearanceNumber] = PdfGraft.Form(block, BlockWidth, BlockHeight, objects, ref next);
        }
        else
        {
            var fontNumber = next++;
            objects[appearanceNumber] = Appearance(request, now, fontNumber);
            objects[fontNumber] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
        }
        var size = next;

        // The page lists the widget among its annotations (an inline array, or an array object of its own).
        var annotsValue = PdfStructure.Value(pageDictionary, "Annots");
        if (PdfStructure.Ref(annotsValue) is { } annotsRef)
        {
            var array = structure.Object(annotsRef.Number);
            objects[annotsRef.Number] = array.TrimEnd().TrimEnd(']') + $" {widgetNumber} 0 R]";
        }
        else
        {
            var annots = PdfStructure.Refs(annotsValue ?? "[]").Append(new PdfRef(widgetNumber, 0));
            objects[page.Number] = PdfStructure.With(pageDictionary, "Annots", "[" + string.Join(" ", annots) + "]");
        }
        if (formRef is null) objects[root.Number] = PdfStructure.With(catalog, "AcroForm", $"{formNumber} 0 R");

        // The signature dictionary, with room for the byte range and the CMS; both filled in once positions are known.
        var signature = new StringBuilder("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ");
        signature.Append("/ByteRange [").Append(' ', ByteRangeWidth).Append("] ");
        signature.Append("/Contents <").Append('0', ContentsBytes * 2).Append("> ");
        signature.Append("/M ").Append(Literal(PdfDate(now))).Append(' ');
        signature.Append("/Name ").Append(TextString(request.SignerName)).Append(' ');
        signature.Append("/Reason ").Append(TextString(request.Reason ?? request.Designation)).Append(' ');
        signature.Append("/Location ").Append(TextString(request.Location ?? request.Department)).Append(' ');
        signature.Append("/Prop_Build << /App << /Name /Daftar >> >> >>");
        objects[signatureNumber] = signature.ToString();

        // Append the revision.
        using var output = new MemoryStream();
        output.Write(pdf);
        if (pdf[^1] != '\n') output.WriteByte((byte)'\n');
        var offsets = new SortedDictionary<int, long>();
        long contentsAt = -1, byteRangeAt = -1;
        foreach (var (number, body) in objects)
        {
            offsets[number] = output.Position;
            var generation = number == root.Number || number == page.Number || number == formRef?.Number ? GenerationOf(structure, number) : 0;
            var text = $"{number} {generation} obj\n{body}\nendobj\n";
            if (number == signatureNumber)
            {
                byteRangeAt = output.Position + text.IndexOf("/ByteRange [", StringComparison.Ordinal) + "/ByteRange [".Length;
                contentsAt = output.Position + text.IndexOf("/Contents <", StringComparison.Ordinal) + "/Contents ".Length;
            }
            output.Write(Encoding.Latin1.GetBytes(text));
        }
        var xrefAt = output.Position;
        var xref = new StringBuilder("xref\n");
        foreach (var run in Runs(offsets.Keys))
        {
            xref.Append(CultureInfo.InvariantCulture, $"{run[0]} {run.Count}\n");
            foreach (var number in run) xref.Append(CultureInfo.InvariantCulture, $"{offsets[number]:D10} {(number == root.Number || number == page.Number || number == formRef?.Number ? GenerationOf(structure, number) : 0):D5} n \n");
        }
        var trailer = PdfStructure.With(PdfStructure.With(structure.Trailer, "Size", size.ToString(CultureInfo.InvariantCulture)), "Prev", structure.LastXref.ToString(CultureInfo.InvariantCulture));
        xref.Append("trailer\n").Append(trailer).Append(CultureInfo.InvariantCulture, $"\nstartxref\n{xrefAt}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(xref.ToString()));
        var signed = output.ToArray();

        // Byte range: everything except the hex string of /Contents (its angle brackets included).
        var contentsEnd = contentsAt + ContentsBytes * 2 + 2;
        var range = string.Create(CultureInfo.InvariantCulture, $"0 {contentsAt} {contentsEnd} {signed.Length - contentsEnd}");
        if (range.Length > ByteRangeWidth) throw new UnsupportedPdfException("The PDF is too large to sign.");
        Encoding.Latin1.GetBytes(range.PadRight(ByteRangeWidth)).CopyTo(signed, byteRangeAt);

        var covered = new byte[contentsAt + (signed.Length - contentsEnd)];
        Array.Copy(signed, 0, covered, 0, contentsAt);
        Array.Copy(signed, contentsEnd, covered, contentsAt, signed.Length - contentsEnd);
        var cms = signer.SignDetached(covered, forPdf: true);
        if (cms.Length > ContentsBytes) throw new InvalidOperationException($"The signature ({cms.Length} bytes) does not fit the space kept for it ({ContentsBytes}).");
        Encoding.ASCII.GetBytes(Convert.ToHexString(cms)).CopyTo(signed, contentsAt + 1);
        return signed;
    }

    private static int GenerationOf(PdfStructure structure, int number)
    {
        var body = structure.Text;
        foreach (var revision in Enumerable.Reverse(structure.Revisions))
        {
            if (!revision.Objects.TryGetValue(number, out var offset)) continue;
            var header = body.AsSpan((int)offset, Math.Min(40, body.Length - (int)offset)).ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return header.Length > 1 && int.TryParse(header[1], CultureInfo.InvariantCulture, out var generation) ? generation : 0;
        }
        return 0;
    }

    private static (float Width, float Height) MediaBox(PdfStructure structure, string pageDictionary)
    {
        var box = PdfStructure.Value(pageDictionary, "MediaBox");
        if (PdfStructure.Ref(box) is { } reference) box = structure.Object(reference.Number);
        var numbers = (box ?? "[0 0 595 842]").Trim('[', ']', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => float.TryParse(n, CultureInfo.InvariantCulture, out var f) ? f : 0).ToArray();
        return numbers.Length == 4 ? (numbers[2] - numbers[0], numbers[3] - numbers[1]) : (595, 842);
    }

    private static IEnumerable<List<int>> Runs(IEnumerable<int> numbers)
    {
        List<int>? run = null;
        foreach (var n in numbers)
        {
            if (run is not null && n == run[^1] + 1)
            {
                run.Add(n);
                continue;
            }
            if (run is not null) yield return run;
            run = [n];
        }
        if (run is not null) yield return run;
    }

    /// <summary>
    /// The visible block: a frame and the signer as the certificate names them, the post's designation, the department
    /// (over two lines when long, never cut to "…") and the time, in Helvetica (the standard fonts have no Devanagari,
    /// so the block is English; the letter itself carries the Hindi).
    /// </summary>
    private static string Appearance(PdfSignatureRequest request, DateTimeOffset now, int fontNumber)
    {
        var ist = now.ToOffset(TimeSpan.FromHours(5.5));
        var lines = new List<(string Text, float Size)> { ("Digitally signed by", 6.5f), (request.SignerName, 8.5f), (request.Designation, 6.5f) };
        lines.AddRange(Wrap(request.Department, 48, 2).Select(l => (l, 6.5f)));
        lines.Add((string.Create(CultureInfo.InvariantCulture, $"{ist:dd MMM yyyy, HH:mm} IST"), 6.5f));
        var content = new StringBuilder();
        content.Append(CultureInfo.InvariantCulture, $"q 0.1 0.3 0.6 RG 0.8 w 0.4 0.4 {BlockWidth - 0.8:0.##} {BlockHeight - 0.8:0.##} re S Q\n");
        content.Append("BT 0.1 0.2 0.4 rg\n");
        var y = BlockHeight - 10;
        foreach (var (line, size) in lines)
        {
            content.Append(CultureInfo.InvariantCulture, $"/Helv {size} Tf 1 0 0 1 5 {y:0.##} Tm {Literal(Fit(line, size > 7 ? 36 : 48))} Tj\n");
            y -= size + 3f;
        }
        content.Append("ET");
        var stream = content.ToString();
        return string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /XObject /Subtype /Form /BBox [0 0 {BlockWidth} {BlockHeight}] /Resources << /Font << /Helv {fontNumber} 0 R >> >> /Length {stream.Length} >>\nstream\n{stream}\nendstream");
    }

    /// <summary>Words over at most <paramref name="lines"/> lines of <paramref name="width"/> characters.</summary>
    private static IEnumerable<string> Wrap(string text, int width, int lines)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width && result.Count < lines - 1)
            {
                result.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(word);
        }
        if (current.Length > 0) result.Add(current.ToString());
        return result;
    }

    private static string Fit(string text, int max)
    {
        var latin = new string(text.Select(c => c < 256 ? c : '?').ToArray());
        return latin.Length <= max ? latin : latin[..(max - 3)] + "...";
    }

    /// <summary>A PDF literal string with its special characters escaped (Latin-1 text only).</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder("(");
        foreach (var c in text)
        {
            if (c is '(' or ')' or '\\') sb.Append('\\');
            sb.Append(c < 256 && c >= 32 ? c : '?');
        }
        return sb.Append(')').ToString();
    }

    /// <summary>A PDF text string: Latin-1 as a literal, anything else (Hindi) as UTF-16BE hex with a byte-order mark.</summary>
    public static string TextString(string text) =>
        text.All(c => c is >= ' ' and < (char)127)
            ? Literal(text)
            : "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";

    public static string PdfDate(DateTimeOffset at)
    {
        var offset = at.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"D:{at:yyyyMMddHHmmss}{sign}{Math.Abs(offset.Hours):00}'{Math.Abs(offset.Minutes):00}'");
    }
}
