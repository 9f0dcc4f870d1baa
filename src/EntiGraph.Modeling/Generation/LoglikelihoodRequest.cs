namespace EntiGraph.Modeling.Generation;

/// <summary>Score <see cref="Continuation"/> as the text that follows <see cref="Context"/>; both are token ids.</summary>
public sealed record LoglikelihoodRequest(IReadOnlyList<int> Context, IReadOnlyList<int> Continuation);

/// <summary>
/// The sum of the continuation tokens' log-probabilities (natural log), how many tokens that sums over, and
/// whether greedy decoding would have produced exactly this continuation.
/// </summary>
public readonly record struct LoglikelihoodResult(double LogLikelihood, int TokenCount, bool IsGreedy);
