using System.Text;

namespace Daftar.Tests.Infrastructure;

/// <summary>Small but complete PDFs (catalog, page tree, pages with text, cross-reference table) of the kind a scanner writes.</summary>
public static class TestPdf
{
    public static byte[] Pages(int pages, string text = "Daftar")
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{3 + 2 * i} 0 R"))}] /Count {pages} >>",
        };
        for (var i = 0; i < pages; i++)
        {
            var content = $"BT /F1 12 Tf 72 720 Td ({text} {i + 1}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents {4 + 2 * i} 0 R >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }
        return Assemble(objects);
    }

    /// <summary>A PDF of the given objects (numbered from 1, the first the catalog) with a cross-reference table and trailer.</summary>
    public static byte[] Assemble(IReadOnlyList<string> objects, string header = "%PDF-1.7\n")
    {
        var sb = new StringBuilder(header);
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) sb.Append($"{offset:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }
}
