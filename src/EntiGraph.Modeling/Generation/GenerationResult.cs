namespace EntiGraph.Modeling.Generation;

/// <summary>Why a row stopped generating.</summary>
public enum FinishReason
{
    /// <summary>It produced <see cref="GenerationOptions.MaxNewTokens"/> tokens.</summary>
    MaxNewTokens,

    /// <summary>It picked one of <see cref="GenerationOptions.StopTokenIds"/>.</summary>
    StopToken,

    /// <summary><see cref="GenerationOptions.StopWhen"/> returned true.</summary>
    StopCondition,

    /// <summary>Prompt and generated tokens filled max_position_embeddings.</summary>
    ContextFull,
}

/// <summary>The new ids for one prompt (without the prompt, without a stop id) and why they end there.</summary>
public sealed record GenerationResult(IReadOnlyList<int> Tokens, FinishReason Reason, int? StopTokenId = null);
