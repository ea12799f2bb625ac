using System.Buffers.Binary;
using System.IO.Compression;

namespace Daftar.Tests.Infrastructure;

/// <summary>Real images of any pixel size, made small: a white PNG compresses a 30,000 × 30,000 page to about 100 KB.</summary>
public static class TestImages
{
    /// <summary>A valid one-bit greyscale PNG (every chunk with its CRC), all white.</summary>
    public static byte[] Png(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 1; // bit depth; colour type 0 (greyscale), deflate, no filter, no interlace
        Chunk(png, "IHDR", header);
        using var pixels = new MemoryStream();
        using (var z = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (width + 7) / 8];
            Array.Fill(row, (byte)0xFF);
            row[0] = 0; // filter: none
            for (var y = 0; y < height; y++) z.Write(row);
        }
        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A JPEG whose frame header claims the given size (baseline SOF0); only the header matters to a size check.</summary>
    public static byte[] JpegHeader(int width, int height)
    {
        byte[] sof = [0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00];
        return [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0, .. sof, 0xFF, 0xD9];
    }

    /// <summary>A little-endian TIFF with one image directory naming the given size.</summary>
    public static byte[] TiffHeader(int width, int height)
    {
        var tiff = new byte[8 + 2 + 2 * 12 + 4];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 2);
        void Entry(int at, ushort tag, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), 4);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), 1);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
        }
        Entry(10, 256, (uint)width);
        Entry(22, 257, (uint)height);
        return tiff;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
