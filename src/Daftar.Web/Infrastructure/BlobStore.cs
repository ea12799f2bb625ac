using System.Security.Cryptography;

namespace Daftar.Web.Infrastructure;

public sealed record StoredBlob(string Hash, long Size, string ContentType, int Pages)
{
    public const int MaxFileNameLength = 120;

    public Daftar.Files.CorrespondenceDocument As(string fileName) => new(Hash, SafeFileName(fileName, ContentType), ContentType, Size, Pages);

    /// <summary>The extensions a document of each type Daftar accepts may carry; the first is the one given.</summary>
    private static readonly Dictionary<string, string[]> Extensions = new()
    {
        ["application/pdf"] = [".pdf"],
        ["image/jpeg"] = [".jpg", ".jpeg"],
        ["image/png"] = [".png"],
        ["image/tiff"] = [".tif", ".tiff"],
    };

    /// <summary>
    /// The name a document is shown and downloaded under: no folders, no control or hiding characters, not too long,
    /// and ending in the extension of the type Daftar recognised from its bytes. "Agenda.hta" holding a PNG is saved as
    /// "Agenda.png", so no computer opens it with anything but an image viewer.
    /// </summary>
    public static string SafeFileName(string? fileName, string contentType)
    {
        var name = SafeFileName(fileName);
        if (!Extensions.TryGetValue(contentType, out var allowed)) return name;
        var extension = Path.GetExtension(name);
        if (allowed.Contains(extension, StringComparer.OrdinalIgnoreCase)) return name;
        var stem = extension.Length > 0 && name.Length > extension.Length ? name[..^extension.Length].TrimEnd('.', ' ') : name;
        if (allowed.Contains(Path.GetExtension(stem), StringComparer.OrdinalIgnoreCase)) return stem;   // "order.pdf.exe" → "order.pdf"
        if (stem.Length + allowed[0].Length > MaxFileNameLength) stem = stem[..(MaxFileNameLength - allowed[0].Length)];
        return (stem.Length == 0 ? "document" : stem) + allowed[0];
    }

    /// <summary>The name cleaned of folders, control and hiding characters and cut to length (its extension kept).</summary>
    private static string SafeFileName(string? fileName)
    {
        var name = Daftar.People.Text.Clean(Path.GetFileName((fileName ?? "").Replace('\\', '/'))) ?? "";
        name = new string(name.Where(c => c is not ('/' or ':' or '*' or '?' or '"' or '<' or '>' or '|')).ToArray()).Trim('.', ' ');
        if (name.Length == 0) return "document";
        if (name.Length <= MaxFileNameLength) return name;
        var extension = Path.GetExtension(name);
        if (extension.Length > 10) extension = "";
        return name[..(MaxFileNameLength - extension.Length)] + extension;
    }
}

/// <summary>
/// Documents on disk, named by their SHA-256 (content-addressed: the same scan stored twice is one file). A document
/// is written to a temporary file while it is hashed and measured, its type is judged from its first bytes (not its
/// name), and only a complete, accepted document is moved into place; a failed upload leaves nothing behind.
/// </summary>
public sealed class BlobStore(IConfiguration config)
{
    private readonly string _root = Path.Combine(DatabaseSettings.DataPath(config), "blobs");

    public long MaxBytes { get; } = config.GetValue("Documents:MaxMegabytes", 25L) * 1024 * 1024;

    /// <summary>The largest image accepted, in megapixels: an A4 page scanned at 600 dpi is 35.</summary>
    public long MaxMegapixels { get; } = config.GetValue("Documents:MaxMegapixels", 50L);

    public async Task<Result<StoredBlob>> StoreAsync(Stream content, CancellationToken ct)
    {
        var temp = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(temp);
        var tempFile = Path.Combine(temp, Guid.NewGuid().ToString("N"));
        try
        {
            long size = 0;
            var head = new byte[8];
            var headLength = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var output = new FileStream(tempFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(head.Length - headLength, read);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    size += read;
                    if (size > MaxBytes)
                        return new Error("too_large", "The document is larger than {0} MB.", ErrorKind.Invalid, "file", MaxBytes / 1024 / 1024);
                    sha.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (size == 0) return new Error("empty_document", "The document is empty.", ErrorKind.Invalid, "file");
            var type = Sniff(head.AsSpan(0, headLength));
            if (type is null)
                return new Error("unsupported_document", "Only PDF, JPEG, PNG and TIFF documents are accepted; this file is none of them, whatever its name says.", ErrorKind.Invalid, "file");
            var pages = 1;
            if (type == "application/pdf")
            {
                var inspection = Daftar.Signing.PdfInspector.Inspect(await File.ReadAllBytesAsync(tempFile, ct));
                if (inspection.Problem is { } problem) return Refusal(problem);
                pages = inspection.Pages;
            }
            else if (ImageProblem(ImageHeader.Read(await File.ReadAllBytesAsync(tempFile, ct), type)) is { } refused)
            {
                return refused;
            }
            var hash = Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
            var final = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (!File.Exists(final)) File.Move(tempFile, final);
            return new StoredBlob(hash, size, type, pages);
        }
        finally
        {
            if (File.Exists(tempFile)) File.Delete(tempFile);
        }
    }

    private Error? ImageProblem(IReadOnlyList<ImageHeader.Size>? sizes)
    {
        if (sizes is null)
            return new Error("damaged_image", "This image cannot be read: its header is damaged or incomplete. Scan or save it again and upload the new copy.", ErrorKind.Invalid, "file");
        if (sizes.FirstOrDefault(s => s.Pixels > MaxMegapixels * 1_000_000 || s.Width == 0 || s.Height == 0) is not { } size) return null;
        if (size.Pixels == 0)
            return new Error("damaged_image", "This image cannot be read: its header is damaged or incomplete. Scan or save it again and upload the new copy.", ErrorKind.Invalid, "file");
        return new Error("image_too_large",
            "This image is {0} × {1} pixels ({2} megapixels); Daftar accepts images of up to {3} megapixels. Scan it again at 300 dpi (enough for an A4 page) and upload that.",
            ErrorKind.Invalid, "file", size.Width, size.Height, size.Pixels / 1_000_000, MaxMegapixels);
    }

    private static Error Refusal(Daftar.Signing.PdfProblem problem) => problem switch
    {
        Daftar.Signing.PdfProblem.ActiveContent => new Error("active_pdf",
            "This PDF contains JavaScript, an embedded file or an automatic action, which Daftar does not accept. Print it to a new PDF and upload that.", ErrorKind.Invalid, "file"),
        Daftar.Signing.PdfProblem.Encrypted => new Error("encrypted_pdf",
            "This PDF is protected with a password. Save a copy without the protection and upload that.", ErrorKind.Invalid, "file"),
        Daftar.Signing.PdfProblem.Bomb => new Error("pdf_bomb",
            "This PDF unpacks to far more data than any document needs, so it was refused.", ErrorKind.Invalid, "file"),
        _ => new Error("damaged_pdf",
            "This PDF cannot be read: it may be damaged or incomplete. Save or scan it again and upload the new copy.", ErrorKind.Invalid, "file"),
    };

    /// <summary>A whole document in memory (letters and scans are small; uploads are capped at <see cref="MaxBytes"/>), or null.</summary>
    public async Task<byte[]?> ReadAllAsync(string hash, CancellationToken ct)
    {
        await using var stream = OpenRead(hash);
        if (stream is null) return null;
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, ct);
        return memory.ToArray();
    }

    public Stream? OpenRead(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower) && File.Exists(PathOf(hash)) ? File.OpenRead(PathOf(hash)) : null;

    private string PathOf(string hash) => Path.Combine(_root, hash[..2], hash[2..4], hash);

    /// <summary>The document types Daftar accepts, recognised by their signatures.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] => "image/tiff",
        _ => null,
    };
}
