using System.Runtime.InteropServices;
using EntiGraph.Stages.Synthesize;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Concatenates documents' tokens into one stream, cuts it into blocks of a fixed length, drops the tail
/// that does not fill a block, and writes the blocks to one shard, or deals them to the train and
/// validation shards by a seeded choice. The stream stays in memory up to a limit and is spilled to a
/// scratch file beyond it, so a corpus of any size packs in bounded memory.
/// </summary>
public sealed class BlockPacker : IDisposable
{
    /// <summary>Tokens kept in memory before the stream goes to the scratch file: 64 MB.</summary>
    public const long DefaultMemoryTokens = 16L << 20;

    // 64 KB chunks: large enough that spilling is a few big writes, small enough to stay off the large-object heap.
    private const int ChunkTokens = 1 << 14;
    private const int ReadTokens = 1 << 16;

    private readonly string _scratch;
    private readonly int _blockSize;
    private readonly long _memoryTokens;
    private readonly List<int[]> _chunks = [];
    private int[] _current = new int[ChunkTokens];
    private int _filled;
    private FileStream? _spill;
    private bool _read;

    /// <param name="scratch">The file the stream spills to once it outgrows <paramref name="memoryTokens"/>; created only then.</param>
    public BlockPacker(string scratch, int blockSize, long memoryTokens = DefaultMemoryTokens)
    {
        _scratch = scratch;
        _blockSize = blockSize;
        _memoryTokens = memoryTokens;
    }

    public long Tokens { get; private set; }

    public long Blocks => Tokens / _blockSize;

    public long DroppedTail => Tokens % _blockSize;

    /// <summary>Whether the stream outgrew memory and went to the scratch file.</summary>
    public bool Spilled => _spill is not null;

    public void Add(int token)
    {
        ThrowIfRead();
        if (_filled == ChunkTokens)
        {
            Retire();
        }

        _current[_filled++] = token;
        Tokens++;
    }

    public void Add(ReadOnlySpan<int> tokens)
    {
        ThrowIfRead();
        Tokens += tokens.Length;
        while (!tokens.IsEmpty)
        {
            if (_filled == ChunkTokens)
            {
                Retire();
            }

            var count = Math.Min(tokens.Length, ChunkTokens - _filled);
            tokens[..count].CopyTo(_current.AsSpan(_filled));
            _filled += count;
            tokens = tokens[count..];
        }
    }

    /// <summary>Writes the blocks, in stream order, to the two shards; returns how many went to validation.</summary>
    public long Split(TokenShard.Writer train, TokenShard.Writer validation, double validationFraction, int seed)
    {
        var blocks = checked((int)Blocks);
        var validationBlocks = ValidationCount(blocks, validationFraction);
        var isValidation = new bool[blocks];
        foreach (var block in SeededShuffle.Shuffle(Enumerable.Range(0, blocks), seed).Take(validationBlocks))
        {
            isValidation[block] = true;
        }

        ForEachBlock((block, tokens) => (isValidation[block] ? validation : train).Write(tokens));
        return validationBlocks;
    }

    /// <summary>Writes every block, in stream order, to one shard.</summary>
    public void WriteTo(TokenShard.Writer shard) => ForEachBlock((_, tokens) => shard.Write(tokens));

    private delegate void BlockAction(int block, ReadOnlySpan<int> tokens);

    private delegate void Fill(Span<int> destination);

    // Reads the stream back many blocks at a time; the dropped tail is never read.
    private void ForEachBlock(BlockAction action)
    {
        var fill = Reader();
        var perRead = Math.Max(1, ReadTokens / _blockSize);
        var buffer = new int[perRead * _blockSize];
        var blocks = checked((int)Blocks);
        for (var first = 0; first < blocks; first += perRead)
        {
            var count = Math.Min(perRead, blocks - first);
            var tokens = buffer.AsSpan(0, count * _blockSize);
            fill(tokens);
            for (var i = 0; i < count; i++)
            {
                action(first + i, tokens.Slice(i * _blockSize, _blockSize));
            }
        }
    }

    private Fill Reader()
    {
        _read = true;
        if (_spill is not null)
        {
            _spill.Write(MemoryMarshal.AsBytes(_current.AsSpan(0, _filled)));
            _filled = 0;
            _spill.Position = 0;
            var stream = _spill;
            return destination => stream.ReadExactly(MemoryMarshal.AsBytes(destination));
        }

        long position = 0;
        return destination =>
        {
            while (!destination.IsEmpty)
            {
                var index = (int)(position / ChunkTokens);
                var offset = (int)(position % ChunkTokens);
                var chunk = index < _chunks.Count ? _chunks[index] : _current;
                var count = Math.Min(destination.Length, ChunkTokens - offset);
                chunk.AsSpan(offset, count).CopyTo(destination);
                destination = destination[count..];
                position += count;
            }
        };
    }

    // A full chunk is kept while the stream fits the memory limit; past it, everything goes to the scratch file.
    private void Retire()
    {
        if (_spill is null && (long)(_chunks.Count + 1) * ChunkTokens <= _memoryTokens)
        {
            _chunks.Add(_current);
            _current = new int[ChunkTokens];
        }
        else
        {
            _spill ??= new FileStream(_scratch, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            foreach (var chunk in _chunks)
            {
                _spill.Write(MemoryMarshal.AsBytes(chunk.AsSpan()));
            }

            _chunks.Clear();
            _spill.Write(MemoryMarshal.AsBytes(_current.AsSpan()));
        }

        _filled = 0;
    }

    // The stream is cut into blocks when it is read: what came after would be lost.
    private void ThrowIfRead()
    {
        if (_read)
        {
            throw new InvalidOperationException("tokens added after the blocks were written");
        }
    }

    // At least one block each way when there are two or more, so neither split is ever empty by rounding.
    private static int ValidationCount(int blocks, double fraction)
    {
        if (fraction <= 0 || blocks < 2)
        {
            return 0;
        }

        return Math.Clamp((int)Math.Round(blocks * fraction, MidpointRounding.ToEven), 1, blocks - 1);
    }

    public void Dispose()
    {
        if (_spill is not null)
        {
            _spill.Dispose();
            File.Delete(_scratch);
        }
    }
}
