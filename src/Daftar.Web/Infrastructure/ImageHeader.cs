using System.Buffers.Binary;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// The pixel size of a scanned image, read from its header without decoding it. A 30,000 × 30,000 PNG is a few hundred
/// kilobytes on disk and 3.6 GB once a browser or a renderer unpacks it (a decompression bomb): the size the header
/// claims is what decides whether it is accepted.
/// </summary>
public static class ImageHeader
{
    public sealed record Size(long Width, long Height)
    {
        public long Pixels => Width * Height;
    }

    private const int MaxTiffPages = 2000;

    /// <summary>Every page's size (one for PNG and JPEG, each image of a TIFF), or null when the header cannot be read.</summary>
    public static IReadOnlyList<Size>? Read(ReadOnlySpan<byte> data, string contentType) => contentType switch
    {
        "image/png" => Png(data) is { } png ? [png] : null,
        "image/jpeg" => Jpeg(data) is { } jpeg ? [jpeg] : null,
        "image/tiff" => Tiff(data),
        _ => [],
    };

    private static Size? Png(ReadOnlySpan<byte> data)
    {
        // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), all big-endian.
        if (data.Length < 24 || !data.Slice(12, 4).SequenceEqual("IHDR"u8)) return null;
        return new Size(BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
    }

    private static Size? Jpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 4 <= data.Length)
        {
            if (data[i] != 0xFF) return null;
            var marker = data[i + 1];
            if (marker == 0xFF) { i++; continue; }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; }
            if (marker is 0xD9 or 0xDA) return null; // the image data or its end came before any frame header
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (length < 2) return null;
            // SOF0–SOF15 carry the frame's size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) do not.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (i + 9 > data.Length) return null;
                return new Size(BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            }
            i += 2 + length;
        }
        return null;
    }

    private static List<Size>? Tiff(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8) return null;
        var little = data[0] == 0x49;
        uint U32(ReadOnlySpan<byte> d, long at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(d[(int)at..]) : BinaryPrimitives.ReadUInt32BigEndian(d[(int)at..]);
        ushort U16(ReadOnlySpan<byte> d, long at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(d[(int)at..]) : BinaryPrimitives.ReadUInt16BigEndian(d[(int)at..]);

        var pages = new List<Size>();
        var seen = new HashSet<long>();
        long ifd = U32(data, 4);
        while (ifd != 0)
        {
            if (ifd + 2 > data.Length || !seen.Add(ifd) || pages.Count >= MaxTiffPages) return null;
            int entries = U16(data, ifd);
            if (ifd + 2 + entries * 12L + 4 > data.Length) return null;
            long width = -1, height = -1;
            for (var e = 0; e < entries; e++)
            {
                var at = ifd + 2 + e * 12L;
                var tag = U16(data, at);
                if (tag is not (256 or 257)) continue;
                var type = U16(data, at + 2);
                long value = type switch { 3 => U16(data, at + 8), 4 => U32(data, at + 8), _ => -1 };
                if (tag == 256) width = value; else height = value;
            }
            if (width < 0 || height < 0) return null;
            pages.Add(new Size(width, height));
            ifd = U32(data, ifd + 2 + entries * 12L);
        }
        return pages.Count == 0 ? null : pages;
    }
}
