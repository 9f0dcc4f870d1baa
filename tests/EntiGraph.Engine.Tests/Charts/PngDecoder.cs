using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EntiGraph.Engine.Charts;

namespace EntiGraph.Engine.Tests.Charts;

/// <summary>A decoded image, as the tests read it back.</summary>
internal sealed record DecodedPng(int Width, int Height, int Channels, byte[] Pixels, IReadOnlyList<string> Chunks, IReadOnlySet<int> FilterTypes)
{
    public Rgba Pixel(int x, int y)
    {
        var i = (y * Width + x) * Channels;
        return new Rgba(Pixels[i], Pixels[i + 1], Pixels[i + 2], Channels == 4 ? Pixels[i + 3] : (byte)255);
    }

    public int Count(PixelRect area, Func<Rgba, bool> match)
    {
        var count = 0;
        for (var y = Math.Max(0, area.Top); y < Math.Min(Height, area.Bottom); y++)
        {
            for (var x = Math.Max(0, area.Left); x < Math.Min(Width, area.Right); x++)
            {
                count += match(Pixel(x, y)) ? 1 : 0;
            }
        }

        return count;
    }
}

/// <summary>
/// An independent PNG reader for 8-bit RGB/RGBA, written from the format's description: it checks every chunk's
/// CRC with its own table, inflates the IDAT stream and undoes all five filters, so the encoder is not tested
/// against itself.
/// </summary>
internal static class PngDecoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static DecodedPng Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Signature), "PNG signature");
        var chunks = new List<string>();
        using var idat = new MemoryStream();
        int width = 0, height = 0, channels = 0;
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Crc(png.AsSpan(offset + 4, 4 + length)), crc);
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    Assert.Equal(13, length);
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    channels = data[9] switch { 2 => 3, 6 => 4, var other => throw new InvalidDataException($"colour type {other}") };
                    Assert.Equal([0, 0, 0], data[10..13].ToArray());
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    Assert.Equal(0, length);
                    break;
            }

            offset += 12 + length;
        }

        Assert.Equal(png.Length, offset);
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);

        var rowBytes = width * channels;
        var raw = Inflate(idat.ToArray());
        Assert.Equal(height * (rowBytes + 1), raw.Length);

        var pixels = new byte[height * rowBytes];
        var filters = new HashSet<int>();
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (rowBytes + 1)];
            filters.Add(filter);
            for (var i = 0; i < rowBytes; i++)
            {
                int left = i >= channels ? pixels[y * rowBytes + i - channels] : 0;
                int up = y > 0 ? pixels[(y - 1) * rowBytes + i] : 0;
                int upLeft = y > 0 && i >= channels ? pixels[(y - 1) * rowBytes + i - channels] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"filter type {filter}"),
                };
                pixels[y * rowBytes + i] = (byte)(raw[y * (rowBytes + 1) + 1 + i] + predicted);
            }
        }

        return new DecodedPng(width, height, channels, pixels, chunks, filters);
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
