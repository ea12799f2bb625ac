using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace Daftar.Signing;

/// <summary>Why an uploaded PDF is refused; null <see cref="Problem"/> means it was accepted with <see cref="Pages"/> pages.</summary>
public sealed record PdfInspection(PdfProblem? Problem, int Pages, string? Detail = null);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PdfProblem>))]
public enum PdfProblem
{
    /// <summary>No reader can make sense of it: truncated, corrupt, or not a PDF at all past its first bytes.</summary>
    Damaged,
    /// <summary>JavaScript, a launch action, an embedded file, rich media or an XFA form.</summary>
    ActiveContent,
    /// <summary>Password-protected: it cannot be checked, printed into a file or signed.</summary>
    Encrypted,
    /// <summary>Its compressed streams unpack to far more than any scan needs (a decompression bomb).</summary>
    Bomb,
}

/// <summary>
/// Checks an uploaded PDF before it joins a file: it must open in a PDF reader (PdfPig), carry no active content
/// anywhere (the file's own bytes and every compressed object stream are searched, with #-escaped names decoded),
/// not be encrypted, and not unpack into a decompression bomb. Nesting is bounded before the reader sees the file.
/// </summary>
public static partial class PdfInspector
{
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;
    public const int MaxNesting = 200;

    private static readonly HashSet<string> ActiveNames = new(StringComparer.Ordinal)
        { "JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA", "ImportData", "SubmitForm", "GoToE" };

    [GeneratedRegex(@"/([^\s/<>\[\]()%{}]+)")]
    private static partial Regex Name();

    [GeneratedRegex(@"stream\r?\n")]
    private static partial Regex StreamStart();

    public static PdfInspection Inspect(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var streams = Streams(text).ToList();
        // Names are looked for outside stream data: a scanned image's bytes spell "/JS" by chance often enough.
        var outside = new StringBuilder(text.Length);
        var from = 0;
        foreach (var (_, begin, end) in streams)
        {
            outside.Append(text, from, begin - from).Append(' ');
            from = end;
        }
        outside.Append(text, from, text.Length - from);
        var structure = outside.ToString();
        if (Nesting(structure) > MaxNesting) return new(PdfProblem.Damaged, 0, "nested too deeply");
        if (FindActive(structure) is { } found) return new(PdfProblem.ActiveContent, 0, found);
        if (structure.Contains("/Encrypt", StringComparison.Ordinal)) return new(PdfProblem.Encrypted, 0);

        long unpacked = 0;
        foreach (var (dictionary, begin, end) in streams)
        {
            var data = pdf.AsMemory(begin, end - begin);
            if (!dictionary.Contains("/FlateDecode", StringComparison.Ordinal) && !dictionary.Contains("/Fl ", StringComparison.Ordinal)) continue;
            var isObjectStream = dictionary.Contains("/ObjStm", StringComparison.Ordinal);
            var (size, inflated) = Inflate(data, MaxUnpackedBytes - unpacked, keep: isObjectStream);
            if (size < 0) return new(PdfProblem.Bomb, 0);
            unpacked += size;
            if (isObjectStream && inflated is not null && FindActive(Encoding.Latin1.GetString(inflated)) is { } hidden)
                return new(PdfProblem.ActiveContent, 0, hidden + " (in a compressed object stream)");
        }

        try
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var pages = document.NumberOfPages;
            return pages < 1 ? new(PdfProblem.Damaged, 0, "no pages") : new(null, pages);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig throws many kinds of exception for many kinds of damage; each means the same to the officer.
            return new(PdfProblem.Damaged, 0, ex.GetType().Name);
        }
    }

    private static string? FindActive(string text)
    {
        foreach (Match m in Name().Matches(text))
        {
            var name = m.Groups[1].Value;
            if (name.Contains('#')) name = Unescape(name);
            if (ActiveNames.Contains(name)) return "/" + name;
        }
        return null;
    }

    private static string Unescape(string name)
    {
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '#' && i + 2 < name.Length && Uri.IsHexDigit(name[i + 1]) && Uri.IsHexDigit(name[i + 2]))
            {
                sb.Append((char)Convert.ToInt32(name.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                sb.Append(name[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>The deepest nesting of arrays and dictionaries (stream data already left out), to keep readers' recursion bounded.</summary>
    private static int Nesting(string text)
    {
        int depth = 0, deepest = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '[' || c == '<' && i + 1 < text.Length && text[i + 1] == '<')
            {
                depth++;
                if (c == '<') i++;
                deepest = Math.Max(deepest, depth);
                if (deepest > MaxNesting) return deepest;
            }
            else if (c == ']' || c == '>' && i + 1 < text.Length && text[i + 1] == '>')
            {
                depth = Math.Max(0, depth - 1);
                if (c == '>') i++;
            }
        }
        return deepest;
    }

    /// <summary>Each stream's dictionary (the text since its "obj") and where its raw bytes begin and end ("endstream").</summary>
    private static IEnumerable<(string Dictionary, int Begin, int End)> Streams(string text)
    {
        var at = 0;
        while (StreamStart().Match(text, at) is { Success: true } m)
        {
            var begin = m.Index + m.Length;
            if (m.Index >= 3 && text.AsSpan(m.Index - 3, 3).SequenceEqual("end")) { at = begin; continue; }
            var end = text.IndexOf("endstream", begin, StringComparison.Ordinal);
            if (end < 0) yield break;
            var objectStart = text.LastIndexOf(" obj", m.Index, StringComparison.Ordinal);
            var dictionary = objectStart < 0 ? text[Math.Max(0, m.Index - 500)..m.Index] : text[objectStart..m.Index];
            yield return (dictionary, begin, end);
            at = end + 9;
        }
    }

    /// <summary>Inflates a Flate stream, stopping at <paramref name="budget"/> bytes (then -1). Damaged data counts what came out.</summary>
    private static (long Size, byte[]? Data) Inflate(ReadOnlyMemory<byte> data, long budget, bool keep)
    {
        using var input = new MemoryStream(data.ToArray());
        using var z = new ZLibStream(input, CompressionMode.Decompress);
        using var kept = keep ? new MemoryStream() : null;
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while ((read = z.Read(buffer)) > 0)
            {
                total += read;
                if (total > budget || keep && total > 64L * 1024 * 1024) return (-1, null);
                kept?.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // A damaged stream: the reader below decides whether the document as a whole still opens.
        }
        return (total, kept?.ToArray());
    }
}
