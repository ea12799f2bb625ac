using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Daftar.Signing;

/// <summary>
/// Puts PDFs one after another into a single document, for reading and printing a whole file (PDFsharp imports the
/// pages; the result is a new document, so signatures inside the parts are shown, not kept — each signed part still
/// verifies from the file itself). A part PDFsharp cannot open is replaced by the page <c>unreadable</c> makes, which
/// is asked for only when a part fails.
/// </summary>
public static class PdfMerger
{
    public static async Task<byte[]> MergeAsync(IEnumerable<(string Name, byte[] Pdf)> parts, Func<string, Task<byte[]>> unreadable)
    {
        using var output = new PdfDocument();
        foreach (var (name, pdf) in parts)
        {
            if (!TryAdd(output, pdf)) TryAdd(output, await unreadable(name));
        }
        using var stream = new MemoryStream();
        output.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static bool TryAdd(PdfDocument output, byte[] pdf)
    {
        try
        {
            using var input = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
            foreach (var page in input.Pages) output.AddPage(page);
            return true;
        }
        catch (Exception ex) when (ex is PdfReaderException or InvalidOperationException or NotImplementedException or ArgumentException or IOException or FormatException)
        {
            return false;
        }
    }
}
