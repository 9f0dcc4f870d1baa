using System.Runtime.InteropServices;
using EntiGraph.Stages.Synthesize;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Concatenates documents' tokens into one stream (spilled to a scratch file, so the corpus need not fit
/// in memory), cuts it into blocks of a fixed length, drops the tail that does not fill a block, and
/// deals the blocks to the train and validation shards by a seeded choice.
/// </summary>
internal sealed class BlockPacker : IDisposable
{
    private readonly string _scratch;
    private readonly FileStream _stream;
    private readonly int _blockSize;

    public BlockPacker(string scratch, int blockSize)
    {
        _scratch = scratch;
        _blockSize = blockSize;
        _stream = new FileStream(scratch, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    public long Tokens { get; private set; }

    public long Blocks => Tokens / _blockSize;

    public long DroppedTail => Tokens % _blockSize;

    public void Add(int[] tokens)
    {
        _stream.Write(MemoryMarshal.AsBytes(tokens.AsSpan()));
        Tokens += tokens.Length;
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

        _stream.Flush();
        _stream.Position = 0;
        var buffer = new int[_blockSize];
        var bytes = MemoryMarshal.AsBytes(buffer.AsSpan());
        for (var block = 0; block < blocks; block++)
        {
            _stream.ReadExactly(bytes);
            (isValidation[block] ? validation : train).Write(buffer);
        }

        return validationBlocks;
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
        _stream.Dispose();
        File.Delete(_scratch);
    }
}
