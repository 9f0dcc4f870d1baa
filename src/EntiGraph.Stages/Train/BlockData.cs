using EntiGraph.Stages.Tokenize;

namespace EntiGraph.Stages.Train;

/// <summary>
/// Packed token blocks from the tokenize stage. A block of n tokens trains n-1 positions: inputs are
/// tokens 0..n-2 and labels tokens 1..n-1, so no token of a block predicts one outside it.
/// </summary>
public sealed class BlockData : ITrainingData
{
    private readonly TokenShard _train;
    private readonly TokenShard _validation;
    private readonly TokenShard? _replay;

    public BlockData(TokenShard train, TokenShard validation, TokenShard? replay)
    {
        _train = train;
        _validation = validation;
        _replay = replay;
        if (replay is not null && replay.BlockSize != train.BlockSize)
            throw new InvalidDataException($"replay.bin has blocks of {replay.BlockSize} tokens, train.bin of {train.BlockSize}");
    }

    public int BlockSize => _train.BlockSize;

    public int Count => _train.Tokens.Length / BlockSize;

    public int ContextLength => BlockSize - 1;

    public int ReplayCount => _replay is null ? 0 : _replay.Tokens.Length / BlockSize;

    public int ValidationCount => _validation.Tokens.Length / BlockSize;

    public TrainingBatch Batch(IReadOnlyList<ScheduledBlock> samples) =>
        BatchOf(samples, sample => sample.Replay ? _replay! : _train);

    public IEnumerable<TrainingBatch> Validation(int rows)
    {
        int count = ValidationCount;
        for (int first = 0; first < count; first += rows)
        {
            var samples = Enumerable.Range(first, Math.Min(rows, count - first)).Select(b => new ScheduledBlock(false, b)).ToList();
            yield return BatchOf(samples, _ => _validation);
        }
    }

    private TrainingBatch BatchOf(IReadOnlyList<ScheduledBlock> samples, Func<ScheduledBlock, TokenShard> shardOf)
    {
        int length = BlockSize - 1;
        var inputs = new long[samples.Count * length];
        var labels = new long[samples.Count * length];
        for (int row = 0; row < samples.Count; row++)
        {
            var block = shardOf(samples[row]).Tokens.AsSpan(samples[row].Block * BlockSize, BlockSize);
            for (int t = 0; t < length; t++)
            {
                inputs[row * length + t] = block[t];
                labels[row * length + t] = block[t + 1];
            }
        }

        return new TrainingBatch(inputs, labels, samples.Count, length, (long)samples.Count * length);
    }
}
