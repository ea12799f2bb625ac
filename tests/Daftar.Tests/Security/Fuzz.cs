using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Daftar.Tests.Security;

/// <summary>
/// A seeded generator of hostile input: broken JSON, wrong types, huge and poisoned strings (NUL, control, bidi and
/// zero-width characters inside Devanagari, lone surrogates), impossible dates, and damaged, scripted, polyglot and
/// bomb documents. The same seed gives the same cases, so a failure can be replayed (DAFTAR_FUZZ_SEED).
/// </summary>
public sealed class Fuzz(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Cases per target: a few dozen in ./test.sh, 10,000 in the long run (DAFTAR_FUZZ_CASES=10000).</summary>
    public static int CasesPerTarget => int.TryParse(Environment.GetEnvironmentVariable("DAFTAR_FUZZ_CASES"), out var n) && n > 0 ? n : 30;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("DAFTAR_FUZZ_SEED"), out var s) ? s : 20261125;

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    public int Next(int max) => _random.Next(max);

    public static readonly string[] PoisonedStrings =
    [
        "", " ", "\0", "नि\0र्णय", "a\u0001b\u001fc\u007f", "\u202Eणयर्नि\u202C", "नि\u200Bर्ण\u200Dय", "\u2066ह\u2069", "\uFEFFशीर्षक",
        "\u0928\u093F\u0930\u094D\u0923\u092F", "\u0928\u093F\u0930\u094D\u0923\u092F\u0301\u0301\u0301", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "' OR 1=1 --", "%00", "../../etc/passwd", "\r\n\r\nX-Injected: 1", "😀👍🏽", "\u0000\u0000\u0000",
        "﷽", "\u180E", "\u00AD", "\t\t\t", "\\u0000", "{{7*7}}", "${jndi:ldap://x}", "NaN", "-0", "\uD800", "\uDFFF\uD800",
    ];

    public static readonly string[] BadDates =
        ["2026-02-30", "2026-13-01", "0000-00-00", "9999-99-99", "-1", "२०२६-०१-०१", "2026-1-1", "yesterday", "", "2026-02-28T25:61:61", "1e10", "0001-01-01", "9999-12-31"];

    /// <summary>A poisoned string: from the list, huge, or random code points (including surrogates and controls).</summary>
    public string PoisonedString() => Next(6) switch
    {
        0 => new string(Pick('क', 'a', '\u093F', '\0', '\u202E'), Pick(1_000, 70_000, 1_100_000)),
        1 => string.Concat(Enumerable.Range(0, Next(40) + 1).Select(_ => (char)_random.Next(0, 0x10000))),
        2 => "नि" + Pick(PoisonedStrings) + "र्णय" + Pick(PoisonedStrings),
        _ => Pick(PoisonedStrings),
    };

    /// <summary>Any JSON value of a wrong or hostile kind.</summary>
    public JsonNode? HostileValue() => Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(Pick(true, false)),
        2 => JsonValue.Create(Pick(0L, -1L, 2147483648L, long.MaxValue, long.MinValue)),
        3 => JsonValue.Create(Pick(1.5, -0.0, 1e308, double.Epsilon)),
        4 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
        5 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = PoisonedString() } },
        6 or 7 => JsonValue.Create(Pick(BadDates)),
        _ => JsonValue.Create(PoisonedString()),
    };

    /// <summary>The template with one field replaced, removed or added, or the whole document broken at the byte level.</summary>
    public byte[] MutateJson(JsonObject template)
    {
        var body = (JsonObject)template.DeepClone();
        var keys = body.Select(p => p.Key).ToList();
        switch (Next(10))
        {
            case 0:
                return Encoding.UTF8.GetBytes(Pick("", "null", "[]", "1e999", "\"x\"", "{", "{\"a\":", "{}}", "{\"text\":\"\\ud800\"}", "{'single':1}", "{\"a\":1,\"a\":2}"));
            case 1:
                return Encoding.UTF8.GetBytes(new string('[', Pick(64, 1000, 100_000)) + new string(']', Next(2) * 10));
            case 2:
                {
                    var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                    return bytes[..Next(Math.Max(1, bytes.Length))];
                }
            case 3:
                {
                    var bytes = Encoding.UTF8.GetBytes(body.ToJsonString()).ToList();
                    bytes.Insert(Next(bytes.Count), Pick<byte>(0xC3, 0xFF, 0x00, 0xED, 0x80));
                    return [.. bytes];
                }
            case 4:
                body[Pick("unknownField", "$type", "__proto__", "id")] = HostileValue();
                break;
            case 5 when keys.Count > 0:
                body.Remove(Pick(keys.ToArray()));
                break;
            default:
                if (keys.Count == 0) body["x"] = HostileValue();
                else body[Pick(keys.ToArray())] = HostileValue();
                foreach (var key in keys.Where(_ => Next(4) == 0)) body[key] = HostileValue();
                break;
        }
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    // ---- documents -------------------------------------------------------------------------------------------

    /// <summary>A well-formed one- or two-page PDF with a cross-reference table, the seed that damage starts from.</summary>
    public static byte[] ValidPdf(string text = "Daftar", string? extraCatalog = null, string? extraObject = null)
    {
        var objects = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {extraCatalog} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        };
        var content = $"BT /F1 12 Tf 72 720 Td ({text}) Tj ET";
        objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        if (extraObject is not null) objects.Add(extraObject);
        return Assemble(objects);
    }

    private static byte[] Assemble(List<string> objects) => Infrastructure.TestPdf.Assemble(objects, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");

    /// <summary>PDFs that carry active content in the many ways a PDF can: every one must be refused.</summary>
    public static IEnumerable<(string Name, byte[] Pdf)> ScriptedPdfs()
    {
        yield return ("open action", ValidPdf(extraCatalog: "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"));
        yield return ("names tree", ValidPdf(extraCatalog: "/Names << /JavaScript 5 0 R >>", extraObject: "<< /Names [(x) << /S /JavaScript /JS (app.alert\\(1\\)) >>] >>"));
        yield return ("hex-escaped name", ValidPdf(extraCatalog: "/OpenAction << /S /J#61vaScript /JS (app.alert\\(1\\)) >>"));
        yield return ("launch", ValidPdf(extraCatalog: "/OpenAction << /S /Launch /F (cmd.exe) >>"));
        yield return ("additional actions", ValidPdf(extraCatalog: "/AA << /WC << /S /JavaScript /JS (x) >> >>"));
        yield return ("embedded file", ValidPdf(extraObject: "<< /Type /EmbeddedFile /Length 4 >>\nstream\nMZ\0\0\nendstream"));
        yield return ("xfa form", ValidPdf(extraCatalog: "/AcroForm << /XFA 5 0 R >>", extraObject: "<< /Length 3 >>\nstream\n<x>\nendstream"));
        yield return ("script in a compressed object stream", ScriptInObjectStream());
    }

    /// <summary>
    /// The action (object 6) lives compressed inside object stream 5, found through a cross-reference stream: a byte scan
    /// of the file never sees "/JavaScript", but every PDF reader does.
    /// </summary>
    private static byte[] ScriptInObjectStream()
    {
        const string header = "6 0 ";
        var compressed = Deflate(Encoding.Latin1.GetBytes(header + "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"));
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            "<< /Length 0 >>\nstream\n\nendstream",
            $"<< /Type /ObjStm /N 1 /First {header.Length} /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n{Encoding.Latin1.GetString(compressed)}\nendstream",
        };
        var sb = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xrefAt = Encoding.Latin1.GetByteCount(sb.ToString());
        // Entries: W [1 4 2]. 0 free; 1-5 in the file; 6 compressed in object stream 5 at index 0; 7 this stream.
        var rows = new List<byte[]> { Row(0, 0, 65535) };
        rows.AddRange(offsets.Select(o => Row(1, o, 0)));
        rows.Add(Row(2, 5, 0));
        rows.Add(Row(1, xrefAt, 0));
        var table = rows.SelectMany(r => r).ToArray();
        sb.Append($"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length {table.Length} >>\nstream\n{Encoding.Latin1.GetString(table)}\nendstream\nendobj\n");
        sb.Append($"startxref\n{xrefAt}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());

        static byte[] Row(byte type, int field2, int field3) =>
            [type, (byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3];
    }

    /// <summary>A PDF whose one content stream inflates to <paramref name="megabytes"/> MB of zeros.</summary>
    public static byte[] PdfBomb(int megabytes)
    {
        var compressed = DeflateZeros(megabytes);
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            $"<< /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n{Encoding.Latin1.GetString(compressed)}\nendstream",
        };
        return Assemble(objects);
    }

    /// <summary>A real workbook (one sheet, the employee master's header) whose shared strings inflate to <paramref name="megabytes"/> MB.</summary>
    public static byte[] XlsxBomb(int megabytes)
    {
        using var zip = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(zip, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var sheet = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            sheet.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(new DocumentFormat.OpenXml.Spreadsheet.SheetData(
                new DocumentFormat.OpenXml.Spreadsheet.Row(new DocumentFormat.OpenXml.Spreadsheet.Cell
                {
                    DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString,
                    CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue("0"),
                })));
            workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(
                new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Employees" }));
            var strings = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.SharedStringTablePart>();
            using var output = strings.GetStream(FileMode.Create);
            output.Write("<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>"u8);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'A');
            for (var i = 0; i < megabytes; i++) output.Write(chunk);
            output.Write("</t></si></sst>"u8);
        }
        return zip.ToArray();
    }

    /// <summary>Files that are two things at once: a PDF that is also HTML or a zip, an image that is also a script.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Polyglots()
    {
        yield return ("pdf+html", Encoding.Latin1.GetBytes("%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"));
        yield return ("jpeg+html", [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("<script>alert(1)</script>")]);
        yield return ("png+php", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("<?php system($_GET['c']); ?>")]);
        yield return ("pdf+zip", [.. ValidPdf(), .. XlsxBomb(1)]);
        yield return ("zip named pdf", XlsxBomb(1));
        yield return ("html named pdf", Encoding.ASCII.GetBytes("<!doctype html><script>alert(1)</script>"));
        yield return ("svg", Encoding.ASCII.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"));
    }

    /// <summary>A valid document damaged at random: truncated, bits flipped, bytes inserted or repeated, or random with a real header.</summary>
    public byte[] DamagedDocument()
    {
        var seed = Next(5) switch
        {
            0 => ValidPdf("नमस्ते " + Next(1000)),
            1 => PdfBomb(1),
            2 => [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. Encoding.ASCII.GetBytes("JFIF")],
            3 => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D],
            _ => ValidPdf(extraCatalog: "/Outlines 4 0 R"),
        };
        var bytes = seed.ToList();
        switch (Next(5))
        {
            case 0:
                bytes = bytes.Take(Next(bytes.Count) + 1).ToList();
                break;
            case 1:
                for (var i = 0; i < Next(20) + 1; i++)
                {
                    var at = Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << Next(8));
                }
                break;
            case 2:
                bytes.InsertRange(Next(bytes.Count), Enumerable.Range(0, Next(200)).Select(_ => (byte)Next(256)));
                break;
            case 3:
                {
                    var start = Next(bytes.Count);
                    var length = Math.Min(bytes.Count - start, Next(300));
                    bytes.InsertRange(Next(bytes.Count), bytes.GetRange(start, length));
                    break;
                }
            default:
                bytes = bytes.Take(5).Concat(Enumerable.Range(0, Next(4000)).Select(_ => (byte)Next(256))).ToList();
                break;
        }
        return [.. bytes];
    }

    public string HostileFileName() => Pick("scan.pdf", "../../etc/passwd", "..\\..\\win.ini", "a\0b.pdf", "\u202Egpj.exe", new string('क', 300) + ".pdf",
        "con.pdf", "", " ", "file\r\nname.pdf", "नि\u200Bर्णय.pdf", "<script>.pdf");

    private static byte[] Deflate(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(raw);
        return output.ToArray();
    }

    private static byte[] DeflateZeros(int megabytes)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < megabytes; i++) z.Write(zeros);
        }
        return output.ToArray();
    }
}
