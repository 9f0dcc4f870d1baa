using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// A file of token ids: a header of 256 little-endian int32 (magic, format version, token count, dtype
/// code, block size, the rest zero) and then the tokens, little-endian, uint16 when the vocabulary fits
/// (halving the file) or uint32. A trainer can memory-map it after the 1024-byte header.
/// </summary>
public sealed record TokenShard(int BlockSize, TokenShard.Dtype Type, int[] Tokens)
{
    public const int Magic = 20241123;
    public const int FormatVersion = 1;
    public const int HeaderInts = 256;
    public const int HeaderBytes = HeaderInts * sizeof(int);

    public enum Dtype
    {
        UInt16 = 1,
        UInt32 = 2,
    }

    public static Dtype DtypeFor(int vocabularySize) => vocabularySize <= 65535 ? Dtype.UInt16 : Dtype.UInt32;

    public static int BytesPerToken(Dtype type) => type == Dtype.UInt16 ? 2 : 4;

    /// <summary>Reads and checks a shard; every problem is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static TokenShard Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < HeaderBytes)
        {
            throw new InvalidDataException($"{path}: truncated token shard: {bytes.Length} bytes, shorter than the {HeaderBytes}-byte header");
        }

        int Header(int index) => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(index * sizeof(int)));
        if (Header(0) != Magic)
        {
            throw new InvalidDataException($"{path}: not a token shard: magic number {Header(0)}, expected {Magic}");
        }

        if (Header(1) != FormatVersion)
        {
            throw new InvalidDataException($"{path}: token shard format version {Header(1)}; this reader knows version {FormatVersion}");
        }

        var count = Header(2);
        var type = (Dtype)Header(3);
        if (count < 0 || type is not (Dtype.UInt16 or Dtype.UInt32))
        {
            throw new InvalidDataException($"{path}: corrupt token shard header: token count {count}, dtype code {(int)type}");
        }

        var expected = HeaderBytes + ((long)count * BytesPerToken(type));
        if (bytes.Length != expected)
        {
            throw new InvalidDataException($"{path}: token shard size {bytes.Length} bytes, but its header promises {count} tokens ({expected} bytes): truncated or corrupt");
        }

        var tokens = new int[count];
        var body = bytes.AsSpan(HeaderBytes);
        for (var i = 0; i < count; i++)
        {
            tokens[i] = type == Dtype.UInt16
                ? BinaryPrimitives.ReadUInt16LittleEndian(body[(i * 2)..])
                : checked((int)BinaryPrimitives.ReadUInt32LittleEndian(body[(i * 4)..]));
        }

        return new TokenShard(Header(4), type, tokens);
    }

    /// <summary>Streams tokens to a shard; the header, which holds the count, is written on <see cref="Dispose"/>.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly FileStream _stream;
        private readonly Dtype _type;
        private readonly int _blockSize;
        // Tokens are converted into this buffer and reach the file in 64 KB writes, however small the calls.
        private readonly byte[] _bytes = new byte[1 << 16];
        private int _used;

        public Writer(string path, Dtype type, int blockSize)
        {
            _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            _type = type;
            _blockSize = blockSize;
            _stream.Write(new byte[HeaderBytes]);
        }

        public long Count { get; private set; }

        public void Write(ReadOnlySpan<int> tokens)
        {
            var width = BytesPerToken(_type);
            while (!tokens.IsEmpty)
            {
                if (_used == _bytes.Length)
                {
                    Flush();
                }

                var count = Math.Min((_bytes.Length - _used) / width, tokens.Length);
                var bytes = _bytes.AsSpan(_used, count * width);
                // Little-endian on disk; BitConverter.IsLittleEndian is a constant to the JIT, so the check costs nothing.
                if (_type == Dtype.UInt16)
                {
                    var target = MemoryMarshal.Cast<byte, ushort>(bytes);
                    for (var i = 0; i < count; i++)
                    {
                        var token = checked((ushort)tokens[i]);
                        target[i] = BitConverter.IsLittleEndian ? token : BinaryPrimitives.ReverseEndianness(token);
                    }
                }
                else
                {
                    var target = MemoryMarshal.Cast<byte, uint>(bytes);
                    for (var i = 0; i < count; i++)
                    {
                        var token = checked((uint)tokens[i]);
                        target[i] = BitConverter.IsLittleEndian ? token : BinaryPrimitives.ReverseEndianness(token);
                    }
                }

                _used += bytes.Length;
                Count += count;
                tokens = tokens[count..];
            }
        }

        private void Flush()
        {
            _stream.Write(_bytes, 0, _used);
            _used = 0;
        }

        public void Dispose()
        {
            Flush();
            var header = new byte[HeaderBytes];
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(0), Magic);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), FormatVersion);
            // The header's count is an int32: a shard of more than 2^31 tokens cannot be described.
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), checked((int)Count));
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), (int)_type);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), _blockSize);
            _stream.Position = 0;
            _stream.Write(header);
            _stream.Dispose();
        }
    }
}
