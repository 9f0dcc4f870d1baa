using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace EntiGraph.Engine.Charts;

/// <summary>
/// Writes 8-bit RGB or RGBA PNG files. Only the chunks an image needs are written (IHDR, IDAT, IEND):
/// no time, gamma or software chunk, so identical pixels always give identical bytes.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Readers accept any split; a bounded chunk size keeps each chunk's CRC cheap to check in a streaming reader.
    private const int MaxIdatLength = 1 << 16;

    // Part of the output format: changing it changes every chart's bytes, and so every artifact hash that holds one.
    private const CompressionLevel Level = CompressionLevel.SmallestSize;

    /// <param name="pixels">Rows top to bottom, <paramref name="width"/> × 3 or × 4 bytes each, with no padding.</param>
    /// <param name="hasAlpha">True for RGBA (colour type 6), false for RGB (colour type 2).</param>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, bool hasAlpha)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A PNG needs a positive size; got {width}×{height}.");
        }

        var channels = hasAlpha ? 4 : 3;
        var rowBytes = checked(width * channels);
        if (pixels.Length != checked(rowBytes * height))
        {
            throw new ArgumentException(
                $"Expected {rowBytes * (long)height} bytes for {width}×{height} with {channels} channels; got {pixels.Length}.",
                nameof(pixels));
        }

        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                           // bits per channel
        header[9] = (byte)(hasAlpha ? 6 : 2);    // colour type
        header[10] = 0;                          // deflate
        header[11] = 0;                          // adaptive filtering
        header[12] = 0;                          // not interlaced
        WriteChunk(output, "IHDR"u8, header);

        var compressed = Compress(pixels, rowBytes, height, channels);
        for (var offset = 0; offset < compressed.Length; offset += MaxIdatLength)
        {
            WriteChunk(output, "IDAT"u8, compressed.AsSpan(offset, Math.Min(MaxIdatLength, compressed.Length - offset)));
        }

        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int rowBytes, int height, int channels)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, Level, leaveOpen: true))
        {
            var filtered = new byte[rowBytes + 1];
            var previous = new byte[rowBytes]; // the row above the first row counts as zeros
            for (var y = 0; y < height; y++)
            {
                var row = pixels.Slice(y * rowBytes, rowBytes);
                PngFilter.Apply(row, previous, channels, filtered);
                zlib.Write(filtered);
                row.CopyTo(previous);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);

        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
