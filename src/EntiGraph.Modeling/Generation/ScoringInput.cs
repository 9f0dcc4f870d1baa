using EntiGraph.Modeling.Llama;

namespace EntiGraph.Modeling.Generation;

/// <summary>
/// A request turned into what the model reads: the last tokens of context + continuation that fit, minus the
/// final token, and where in them the predictions of the continuation begin.
/// </summary>
internal sealed record ScoringInput(int Index, long[] Ids, long[] Continuation, int ContinuationStart)
{
    public static ScoringInput From(int index, LoglikelihoodRequest request, LlamaConfig config)
    {
        if (request is null)
            throw new ArgumentNullException(nameof(request), $"Request {index} is null.");
        var context = request.Context ?? throw new ArgumentException($"Request {index} has no context.", nameof(request));
        var continuation = request.Continuation ?? throw new ArgumentException($"Request {index} has no continuation.", nameof(request));
        if (continuation.Count == 0)
            throw new ArgumentException($"Request {index} has an empty continuation; there is nothing to score.", nameof(request));
        if (context.Count == 0)
            throw new ArgumentException(
                $"Request {index} has an empty context, so its first continuation token would be predicted from nothing; " +
                "give a BOS or end-of-text id as the context.", nameof(request));
        int maxPositions = config.MaxPositionEmbeddings;
        if (continuation.Count > maxPositions)
            throw new ArgumentException(
                $"Request {index} has a continuation of {continuation.Count} tokens; at most max_position_embeddings " +
                $"({maxPositions}) can be scored in one forward.", nameof(request));
        TokenIds.CheckInVocabulary(context, config.VocabSize, $"context of request {index}");
        TokenIds.CheckInVocabulary(continuation, config.VocabSize, $"continuation of request {index}");

        // The last token is only ever predicted, never read; of the rest keep the newest that fit.
        int readable = context.Count + continuation.Count - 1;
        int length = Math.Min(readable, maxPositions);
        int skip = readable - length;
        var ids = new long[length];
        for (int i = 0; i < length; i++)
        {
            int source = skip + i;
            ids[i] = source < context.Count ? context[source] : continuation[source - context.Count];
        }
        // Position p predicts token p + 1, so the continuation's predictions are the last continuation.Count positions.
        return new ScoringInput(index, ids, TokenIds.ToLongs(continuation), length - continuation.Count);
    }
}
