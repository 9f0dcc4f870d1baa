namespace EntiGraph.Modeling.Generation;

/// <summary>One prompt's progress through a batch: the ids so far and, once it stops, why.</summary>
internal sealed class GenerationRow
{
    private readonly List<int> _generated = [];
    private readonly HashSet<int> _stopIds;
    private readonly bool _limitIsContext;
    private FinishReason? _reason;
    private int? _stopTokenId;

    public GenerationRow(int index, IReadOnlyList<int> prompt, GenerationOptions options, int maxPositions)
    {
        Index = index;
        Prompt = prompt;
        _stopIds = [.. options.StopTokenIds];
        // Every returned token keeps a position below max_position_embeddings, as the full forward requires.
        int room = maxPositions - prompt.Count;
        Limit = Math.Min(options.MaxNewTokens, room);
        _limitIsContext = room < options.MaxNewTokens;
        if (options.Temperature > 0)
            Sampler = new TokenSampler(options.Temperature, options.TopP, SplitMix64.ForStream(options.Seed, index));
    }

    public int Index { get; }
    public IReadOnlyList<int> Prompt { get; }

    /// <summary>The most tokens this row may return.</summary>
    public int Limit { get; }

    /// <summary>Null when decoding greedily.</summary>
    public TokenSampler? Sampler { get; }

    public bool Finished => _reason is not null;
    public int Last => _generated[^1];

    public void Accept(int token, GenerationOptions options)
    {
        if (Finished)
            throw new InvalidOperationException("A finished row takes no more tokens.");
        if (_stopIds.Contains(token))
        {
            _reason = FinishReason.StopToken;
            _stopTokenId = token;
            return;
        }
        _generated.Add(token);
        if (options.StopWhen is { } stopWhen && stopWhen(_generated.AsReadOnly()))
            _reason = FinishReason.StopCondition;
        else if (_generated.Count >= Limit)
            _reason = _limitIsContext ? FinishReason.ContextFull : FinishReason.MaxNewTokens;
    }

    public GenerationResult Result() => _reason is { } reason
        ? new GenerationResult(_generated.ToArray(), reason, _stopTokenId)
        : throw new InvalidOperationException($"Row {Index} has not finished.");
}
