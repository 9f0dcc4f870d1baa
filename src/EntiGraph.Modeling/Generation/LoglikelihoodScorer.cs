using EntiGraph.Modeling.Llama;
using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Modeling.Generation;

/// <summary>
/// Log-likelihood of continuations given contexts, as multiple-choice evaluation (lm-evaluation-harness's
/// <c>loglikelihood</c>) needs it, and negative log-likelihood over token blocks for perplexity.
/// </summary>
public static class LoglikelihoodScorer
{
    // Right padding needs no attention mask: under the causal mask no real position can see a later pad.
    private const int FillerId = 0;

    /// <summary>
    /// One result per request, in request order. The model reads context + continuation minus its last token
    /// (the last is only predicted); when that exceeds max_position_embeddings the oldest context tokens are
    /// dropped. Requests run longest first, <paramref name="batchSize"/> at a time.
    /// </summary>
    public static IReadOnlyList<LoglikelihoodResult> Loglikelihood(LlamaModel model,
        IReadOnlyList<LoglikelihoodRequest> requests, int batchSize = 8)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(requests);
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"The batch size must be positive, not {batchSize}.");
        var inputs = new ScoringInput[requests.Count];
        for (int i = 0; i < requests.Count; i++)
            inputs[i] = ScoringInput.From(i, requests[i], model.Config);

        var results = new LoglikelihoodResult[requests.Count];
        using var inference = torch.inference_mode();
        foreach (var chunk in inputs.OrderByDescending(input => input.Ids.Length).Chunk(batchSize))
        {
            using var scope = torch.NewDisposeScope();
            int width = chunk[0].Ids.Length;
            var ids = new long[chunk.Length * width];
            Array.Fill(ids, FillerId);
            for (int b = 0; b < chunk.Length; b++)
                Array.Copy(chunk[b].Ids, 0, ids, b * width, chunk[b].Ids.Length);
            var logits = model.forward(torch.tensor(ids, [chunk.Length, width], device: model.Device));
            for (int b = 0; b < chunk.Length; b++)
                results[chunk[b].Index] = Score(logits[b], chunk[b]);
        }
        return results;
    }

    private static LoglikelihoodResult Score(Tensor rowLogits, ScoringInput input)
    {
        int count = input.Continuation.Length;
        // Log-softmax in float32 even for a half-precision model: the sum over the vocabulary needs the range.
        var logits = rowLogits.narrow(0, input.ContinuationStart, count).to_type(ScalarType.Float32); // [count, vocab]
        var target = torch.tensor(input.Continuation, device: logits.device);
        var logProbs = logits.log_softmax(-1).gather(1, target.unsqueeze(1)).squeeze(1);
        bool greedy = logits.argmax(-1).eq(target).all().item<bool>();
        double sum = 0;
        foreach (float logProb in logProbs.cpu().data<float>())
            sum += logProb;
        return new LoglikelihoodResult(sum, count, greedy);
    }

    /// <summary>Negative log-likelihood of tokens[1..] each given the tokens before it, in one forward.</summary>
    public static TokenNll NegativeLogLikelihood(LlamaModel model, IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        TokenIds.CheckInVocabulary(tokens, model.Config.VocabSize, "token block");
        using var scope = torch.NewDisposeScope();
        return NegativeLogLikelihoodOfBlocks(model, torch.tensor(TokenIds.ToLongs(tokens), [1, tokens.Count]));
    }

    /// <summary>
    /// Negative log-likelihood over blocks [batch, seq] of integer ids, all of them real tokens: each row predicts
    /// its positions 1..seq-1 from the ones before, so seq may be up to max_position_embeddings + 1.
    /// </summary>
    /// <remarks>A name of its own: arrays convert to Tensor implicitly, so an overload would make int[] calls ambiguous.</remarks>
    public static TokenNll NegativeLogLikelihoodOfBlocks(LlamaModel model, Tensor blocks)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.dim() != 2)
            throw new ArgumentException($"Blocks must be [batch, seq]; got {blocks.dim()} dimensions.", nameof(blocks));
        long batch = blocks.shape[0], seq = blocks.shape[1];
        if (batch == 0 || seq < 2)
            throw new ArgumentException($"A block needs at least 2 tokens, one to read and one to predict; got [{batch}, {seq}].", nameof(blocks));
        if (seq - 1 > model.Config.MaxPositionEmbeddings)
            throw new ArgumentException(
                $"Blocks of {seq} tokens need {seq - 1} positions, more than max_position_embeddings ({model.Config.MaxPositionEmbeddings}).",
                nameof(blocks));
        if (blocks.is_floating_point() || blocks.is_complex() || blocks.dtype == ScalarType.Bool)
            throw new ArgumentException($"Blocks must hold integer token ids, not {blocks.dtype}.", nameof(blocks));

        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        var ids = blocks.to(ScalarType.Int64, model.Device);
        long min = ids.min().item<long>(), max = ids.max().item<long>();
        if (min < 0 || max >= model.Config.VocabSize)
            throw new ArgumentOutOfRangeException(nameof(blocks),
                $"Token ids span {min}..{max}, outside the vocabulary 0..{model.Config.VocabSize - 1}.");

        var logits = model.forward(ids.narrow(1, 0, seq - 1)).to_type(ScalarType.Float32);
        var targets = ids.narrow(1, 1, seq - 1).unsqueeze(2);
        var logProbs = logits.log_softmax(-1).gather(2, targets);
        // Summed in double: a long block's float32 running sum would lose the low digits perplexities compare on.
        double sum = -logProbs.to_type(ScalarType.Float64).sum().item<double>();
        return new TokenNll(sum, batch * (seq - 1));
    }
}
