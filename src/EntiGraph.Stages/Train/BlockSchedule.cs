namespace EntiGraph.Stages.Train;

/// <summary>One training sample: a block of the training shard, or of the replay shard that took its place.</summary>
public readonly record struct ScheduledBlock(bool Replay, int Block);

/// <summary>
/// Which blocks each optimizer step trains on. Sample i of the run falls in epoch i / N (N training blocks),
/// where a seeded permutation orders the blocks; then, as the EntiGraph paper replays, it is replaced with
/// probability r by a uniformly drawn replay block. Every draw is addressed by the sample index, so the
/// schedule of step s is the same in a fresh run and in one resumed at s.
/// </summary>
public sealed class BlockSchedule
{
    private const ulong EpochStream = 1;
    private const ulong ReplayCoinStream = 2;
    private const ulong ReplayPickStream = 3;

    private readonly long _seed;
    private readonly int _trainBlocks;
    private readonly int _replayBlocks;
    private readonly double _replayRate;
    private int _cachedEpoch = -1;
    private int[] _order = [];

    public BlockSchedule(long seed, int trainBlocks, int replayBlocks, double replayRate, int blocksPerStep)
    {
        if (trainBlocks <= 0)
            throw new ArgumentException("there are no training blocks: the tokenize stage produced an empty train.bin");
        if (replayRate > 0 && replayBlocks <= 0)
            throw new ArgumentException($"replay_rate is {replayRate} but there is no replay data: give curate a replay artifact, so that tokenize writes replay.bin");
        _seed = seed;
        _trainBlocks = trainBlocks;
        _replayBlocks = replayBlocks;
        _replayRate = replayRate;
        BlocksPerStep = blocksPerStep;
    }

    public int BlocksPerStep { get; }

    /// <summary>Optimizer steps in one pass over the training blocks; a partial last batch is dropped, but never the only one.</summary>
    public long StepsPerEpoch => Math.Max(1, _trainBlocks / BlocksPerStep);

    public ScheduledBlock[] Step(long step)
    {
        var blocks = new ScheduledBlock[BlocksPerStep];
        for (int k = 0; k < BlocksPerStep; k++)
            blocks[k] = Sample(step * BlocksPerStep + k);
        return blocks;
    }

    public ScheduledBlock Sample(long index)
    {
        var epoch = (int)(index / _trainBlocks);
        if (epoch != _cachedEpoch)
        {
            _order = CounterRandom.Permutation(_trainBlocks, _seed, EpochStream + ((ulong)epoch << 8));
            _cachedEpoch = epoch;
        }
        var block = new ScheduledBlock(false, _order[index % _trainBlocks]);
        if (_replayRate > 0 && CounterRandom.Uniform(_seed, ReplayCoinStream, (ulong)index) < _replayRate)
            block = new ScheduledBlock(true, (int)CounterRandom.Below(_seed, ReplayPickStream, (ulong)index, _replayBlocks));
        return block;
    }
}
