namespace EntiGraph.Modeling.Generation;

/// <summary>How <see cref="TokenGenerator"/> picks and stops.</summary>
public sealed record GenerationOptions
{
    /// <summary>At most this many tokens per prompt, stop tokens not counted since they are not returned.</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>0 picks the most likely token (greedy); above 0 samples from softmax(logits / temperature).</summary>
    public double Temperature { get; init; }

    /// <summary>Nucleus sampling: draw only from the most likely tokens whose probabilities add up to at least this. 1 keeps all.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Seeds sampling; row i of a batch draws from its own stream of this seed, so one prompt draws like row 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Ids that end a row when picked (end of sequence, end of turn); the stop id itself is not returned.</summary>
    public IReadOnlyCollection<int> StopTokenIds { get; init; } = [];

    /// <summary>
    /// Called with a row's generated ids after each new one; true ends the row, keeping that last id. Evaluation
    /// decodes here and stops on strings such as "\n\n", then cuts the decoded text at the string itself.
    /// </summary>
    public Func<IReadOnlyList<int>, bool>? StopWhen { get; init; }

    public void Validate(int vocabSize)
    {
        if (MaxNewTokens <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), $"MaxNewTokens must be positive, not {MaxNewTokens}.");
        if (!double.IsFinite(Temperature) || Temperature < 0)
            throw new ArgumentOutOfRangeException(nameof(Temperature), $"Temperature must be 0 (greedy) or positive, not {Temperature}.");
        if (!(TopP > 0 && TopP <= 1))
            throw new ArgumentOutOfRangeException(nameof(TopP), $"TopP must be in (0, 1], not {TopP}.");
        ArgumentNullException.ThrowIfNull(StopTokenIds, nameof(StopTokenIds));
        foreach (int id in StopTokenIds)
        {
            if (id < 0 || id >= vocabSize)
                throw new ArgumentOutOfRangeException(nameof(StopTokenIds), $"Stop token id {id} is outside the vocabulary 0..{vocabSize - 1}.");
        }
    }
}
