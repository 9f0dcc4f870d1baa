using EntiGraph.Modeling.Generation;
using EntiGraph.Modeling.Llama;
using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Modeling.Tests.Generation;

public class LoglikelihoodScorerTests
{
    private const double Tolerance = 1e-4;

    private static readonly LoglikelihoodRequest[] Requests =
    [
        new([1, 17, 42, 5], [63, 0, 9]),
        new([3], [60]),
        new([8, 21, 44, 1, 7, 39, 12, 0, 62, 5], [2, 2]),
        new([50, 49], [48, 47, 46, 45, 44]),
        new([11, 12, 13, 14, 15, 16], [17]),
    ];

    /// <summary>The sum by hand: one full forward over context + continuation, log-softmax in double, pick the targets.</summary>
    private static (double Sum, bool Greedy) ByHand(LlamaModel model, LoglikelihoodRequest request)
    {
        int vocab = model.Config.VocabSize;
        var whole = request.Context.Concat(request.Continuation).ToArray();
        float[] logits = TinyModels.FullLogits(model, whole[..^1]);
        double sum = 0;
        bool greedy = true;
        for (int k = 0; k < request.Continuation.Count; k++)
        {
            int position = request.Context.Count - 1 + k;
            var row = logits.AsSpan(position * vocab, vocab);
            sum += TinyModels.LogProb(row, request.Continuation[k]);
            greedy &= TinyModels.ArgMax(row) == request.Continuation[k];
        }
        return (sum, greedy);
    }

    [Fact]
    public void Scores_equal_a_log_softmax_gather_sum_by_hand()
    {
        using var model = TinyModels.Create();
        var results = LoglikelihoodScorer.Loglikelihood(model, Requests, batchSize: 1);

        double maxDiff = 0;
        for (int i = 0; i < Requests.Length; i++)
        {
            var (sum, greedy) = ByHand(model, Requests[i]);
            Assert.Equal(Requests[i].Continuation.Count, results[i].TokenCount);
            Assert.Equal(greedy, results[i].IsGreedy);
            Assert.True(results[i].LogLikelihood < 0);
            maxDiff = Math.Max(maxDiff, Math.Abs(results[i].LogLikelihood - sum));
        }
        Console.WriteLine($"max |scorer - by hand| = {maxDiff:E3}; sums {string.Join(", ", results.Select(r => r.LogLikelihood.ToString("F3")))}");
        Assert.True(maxDiff < Tolerance, $"max |scorer - by hand| = {maxDiff:E3}");
    }

    [Fact]
    public void Batched_with_right_padding_equals_one_by_one()
    {
        using var model = TinyModels.Create(tied: true);
        var single = LoglikelihoodScorer.Loglikelihood(model, Requests, batchSize: 1);
        var batched = LoglikelihoodScorer.Loglikelihood(model, Requests, batchSize: 3);
        var whole = LoglikelihoodScorer.Loglikelihood(model, Requests, batchSize: 16);

        double maxDiff = 0;
        for (int i = 0; i < Requests.Length; i++)
        {
            foreach (var other in new[] { batched[i], whole[i] })
            {
                Assert.Equal(single[i].TokenCount, other.TokenCount);
                Assert.Equal(single[i].IsGreedy, other.IsGreedy);
                maxDiff = Math.Max(maxDiff, Math.Abs(single[i].LogLikelihood - other.LogLikelihood));
            }
        }
        Console.WriteLine($"max |batched - one by one| = {maxDiff:E3}");
        Assert.True(maxDiff < Tolerance, $"max |batched - one by one| = {maxDiff:E3}");
        // Distinct requests get distinct scores: results are not shuffled or shared between rows.
        Assert.Equal(Requests.Length, single.Select(r => Math.Round(r.LogLikelihood, 6)).Distinct().Count());
    }

    [Fact]
    public void The_models_own_greedy_continuation_is_greedy_and_another_is_not()
    {
        using var model = TinyModels.Create();
        int[] context = [4, 8, 15, 16, 23, 42];
        var greedy = TokenGenerator.Generate(model, context, new GenerationOptions { MaxNewTokens = 5 }).Tokens.ToArray();
        var changed = greedy.ToArray();
        changed[^1] = (changed[^1] + 1) % model.Config.VocabSize;

        var results = LoglikelihoodScorer.Loglikelihood(model, [new(context, greedy), new(context, changed)]);

        Assert.True(results[0].IsGreedy);
        Assert.False(results[1].IsGreedy);
        Assert.Equal(5, results[0].TokenCount);
        // The two share four tokens; the greedy last token is the more likely one.
        Assert.True(results[0].LogLikelihood > results[1].LogLikelihood);
    }

    [Fact]
    public void Too_long_inputs_lose_their_oldest_context_tokens()
    {
        using var model = TinyModels.Create();
        int maxPositions = model.Config.MaxPositionEmbeddings; // 32
        int[] context = Enumerable.Range(0, 40).Select(i => (i * 11 + 5) % 64).ToArray();
        int[] continuation = [7, 3, 19, 22, 1];

        // context + continuation minus its last token is 44 tokens; the model can read 32 of them.
        int keep = maxPositions + 1 - continuation.Length;
        var results = LoglikelihoodScorer.Loglikelihood(model,
        [
            new(context, continuation),
            new(context[^keep..], continuation),
            new(context[^(keep - 1)..], continuation),
        ]);

        Assert.Equal(results[1].LogLikelihood, results[0].LogLikelihood, 6);
        Assert.Equal(results[1].IsGreedy, results[0].IsGreedy);
        // One context token fewer is a different input: truncation keeps as much as fits, not less.
        Assert.NotEqual(results[2].LogLikelihood, results[0].LogLikelihood, 3);

        // A continuation as long as the context window is scored entirely from the last context token onwards.
        int[] longContinuation = Enumerable.Range(0, maxPositions).Select(i => (i * 5 + 1) % 64).ToArray();
        var longest = LoglikelihoodScorer.Loglikelihood(model, [new(context, longContinuation)])[0];
        var (sum, greedy) = ByHand(model, new([context[^1]], longContinuation));
        Assert.Equal(maxPositions, longest.TokenCount);
        Assert.Equal(greedy, longest.IsGreedy);
        Assert.True(Math.Abs(longest.LogLikelihood - sum) < Tolerance);
    }

    [Fact]
    public void Bad_requests_are_refused_with_a_reason()
    {
        using var model = TinyModels.Create();
        Assert.Contains("empty continuation", Assert.Throws<ArgumentException>(
            () => LoglikelihoodScorer.Loglikelihood(model, [new([1, 2], [])])).Message);
        Assert.Contains("empty context", Assert.Throws<ArgumentException>(
            () => LoglikelihoodScorer.Loglikelihood(model, [new([], [1, 2])])).Message);
        Assert.Contains("Token id 64", Assert.Throws<ArgumentOutOfRangeException>(
            () => LoglikelihoodScorer.Loglikelihood(model, [new([1], [64])])).Message);
        Assert.Contains("Token id -1", Assert.Throws<ArgumentOutOfRangeException>(
            () => LoglikelihoodScorer.Loglikelihood(model, [new([-1], [3])])).Message);
        Assert.Contains("max_position_embeddings", Assert.Throws<ArgumentException>(
            () => LoglikelihoodScorer.Loglikelihood(model, [new([1], new int[33])])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LoglikelihoodScorer.Loglikelihood(model, Requests, batchSize: 0));
        Assert.Empty(LoglikelihoodScorer.Loglikelihood(model, []));
    }

    [Fact]
    public void Block_nll_is_the_mean_of_next_token_losses()
    {
        using var model = TinyModels.Create();
        int vocab = model.Config.VocabSize;
        int[] block = Enumerable.Range(0, 33).Select(i => (i * 13 + 2) % 64).ToArray(); // 32 positions, the maximum

        var nll = LoglikelihoodScorer.NegativeLogLikelihood(model, block);

        float[] logits = TinyModels.FullLogits(model, block[..^1]);
        double byHand = 0;
        for (int t = 0; t + 1 < block.Length; t++)
            byHand -= TinyModels.LogProb(logits.AsSpan(t * vocab, vocab), block[t + 1]);
        Assert.Equal(32, nll.Count);
        Console.WriteLine($"block NLL mean {nll.Mean:F4}, perplexity {nll.Perplexity:F2}, |sum - by hand| = {Math.Abs(nll.Sum - byHand):E3}");
        Assert.True(Math.Abs(nll.Sum - byHand) < Tolerance);
        Assert.Equal(Math.Exp(byHand / 32), nll.Perplexity, 3);

        // The same number as scoring tokens 1.. as a continuation of token 0.
        var asContinuation = LoglikelihoodScorer.Loglikelihood(model, [new(block[..1], block[1..])])[0];
        Assert.True(Math.Abs(-asContinuation.LogLikelihood - nll.Sum) < Tolerance);
    }

    [Fact]
    public void Batched_blocks_add_up_to_the_single_blocks()
    {
        using var model = TinyModels.Create();
        int[] a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b = [60, 50, 40, 30, 20, 10, 0, 5, 15, 25];
        var one = LoglikelihoodScorer.NegativeLogLikelihood(model, a) + LoglikelihoodScorer.NegativeLogLikelihood(model, b);
        using var blocks = torch.tensor(a.Concat(b).Select(i => (long)i).ToArray(), [2, 10]);
        var both = LoglikelihoodScorer.NegativeLogLikelihoodOfBlocks(model, blocks);

        Assert.Equal(18, both.Count);
        Assert.Equal(one.Count, both.Count);
        Assert.True(Math.Abs(one.Sum - both.Sum) < Tolerance);

        using var tooShort = torch.zeros([1, 1], ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => LoglikelihoodScorer.NegativeLogLikelihoodOfBlocks(model, tooShort));
        using var tooLong = torch.zeros([1, 34], ScalarType.Int64);
        Assert.Contains("max_position_embeddings", Assert.Throws<ArgumentException>(
            () => LoglikelihoodScorer.NegativeLogLikelihoodOfBlocks(model, tooLong)).Message);
        using var outside = torch.tensor(new long[] { 1, 99 }, [1, 2]);
        Assert.Contains("outside the vocabulary", Assert.Throws<ArgumentOutOfRangeException>(
            () => LoglikelihoodScorer.NegativeLogLikelihoodOfBlocks(model, outside)).Message);
        using var floats = torch.zeros([1, 4]);
        Assert.Throws<ArgumentException>(() => LoglikelihoodScorer.NegativeLogLikelihoodOfBlocks(model, floats));
    }
}
