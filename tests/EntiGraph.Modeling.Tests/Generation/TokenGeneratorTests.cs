using EntiGraph.Modeling.Generation;
using TorchSharp;

namespace EntiGraph.Modeling.Tests.Generation;

public class TokenGeneratorTests
{
    private static readonly int[] Prompt = [1, 17, 42, 5, 63, 0];
    private static readonly GenerationOptions Greedy = new() { MaxNewTokens = 12 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Greedy_with_the_cache_equals_argmax_over_repeated_full_forwards(bool tied)
    {
        using var model = TinyModels.Create(tied);
        var expected = TinyModels.GreedyByFullForward(model, Prompt, 12);

        var result = TokenGenerator.Generate(model, Prompt, Greedy);

        Console.WriteLine($"tied={tied}: greedy {string.Join(" ", result.Tokens)}");
        Assert.Equal(expected, result.Tokens);
        Assert.Equal(FinishReason.MaxNewTokens, result.Reason);
        Assert.Null(result.StopTokenId);
        // A sequence of one repeated id would make the comparison weak.
        Assert.True(expected.Distinct().Count() > 2, $"Greedy output is degenerate: {string.Join(" ", expected)}");
    }

    [Fact]
    public void Greedy_runs_to_the_end_of_the_context()
    {
        using var model = TinyModels.Create();
        // max_position_embeddings is 32: 28 prompt tokens leave room for 4 new ones.
        var prompt = Enumerable.Range(0, 28).Select(i => (i * 7 + 3) % 64).ToArray();
        var result = TokenGenerator.Generate(model, prompt, Greedy);

        Assert.Equal(FinishReason.ContextFull, result.Reason);
        Assert.Equal(4, result.Tokens.Count);
        Assert.Equal(TinyModels.GreedyByFullForward(model, prompt, 4), result.Tokens);
    }

    [Fact]
    public void Top_p_with_a_tiny_p_is_greedy()
    {
        using var model = TinyModels.Create();
        var greedy = TokenGenerator.Generate(model, Prompt, Greedy).Tokens;
        var nucleus = TokenGenerator.Generate(model, Prompt, Greedy with { Temperature = 1.3, TopP = 1e-9, Seed = 99 }).Tokens;
        Assert.Equal(greedy, nucleus);
    }

    [Fact]
    public void The_same_seed_gives_the_same_sample_and_another_seed_another()
    {
        using var model = TinyModels.Create();
        var options = new GenerationOptions { MaxNewTokens = 20, Temperature = 1.5, Seed = 1234 };

        var first = TokenGenerator.Generate(model, Prompt, options).Tokens;
        var again = TokenGenerator.Generate(model, Prompt, options).Tokens;
        var other = TokenGenerator.Generate(model, Prompt, options with { Seed = 1235 }).Tokens;
        var greedy = TokenGenerator.Generate(model, Prompt, Greedy with { MaxNewTokens = 20 }).Tokens;

        Console.WriteLine($"seed 1234: {string.Join(" ", first)}");
        Console.WriteLine($"seed 1235: {string.Join(" ", other)}");
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(greedy, first); // it really sampled
    }

    [Fact]
    public void Sampling_follows_the_tempered_distribution()
    {
        using var model = TinyModels.Create();
        int vocab = model.Config.VocabSize;
        const double temperature = 0.8;
        float[] logits = TinyModels.FullLogits(model, Prompt);
        var p = Tempered(logits.AsSpan((Prompt.Length - 1) * vocab, vocab), temperature);

        // 4000 copies of one prompt: row i draws from stream i of the seed, one token each.
        const int draws = 4000;
        var prompts = Enumerable.Repeat<IReadOnlyList<int>>(Prompt, draws).ToArray();
        var results = TokenGenerator.Generate(model, prompts,
            new GenerationOptions { MaxNewTokens = 1, Temperature = temperature, Seed = 7 }, maxBatchSize: 500);
        var counts = new int[vocab];
        foreach (var r in results)
            counts[Assert.Single(r.Tokens)]++;

        double worst = 0;
        for (int v = 0; v < vocab; v++)
        {
            double observed = counts[v] / (double)draws;
            // Five binomial standard deviations, plus a little for the float logits of batched rows.
            double allowed = 5 * Math.Sqrt(p[v] * (1 - p[v]) / draws) + 1e-3;
            worst = Math.Max(worst, Math.Abs(observed - p[v]) / allowed);
            Assert.True(Math.Abs(observed - p[v]) <= allowed, $"token {v}: observed {observed:F4}, expected {p[v]:F4}");
        }
        Console.WriteLine($"temperature {temperature}: worst |observed - p| / allowance = {worst:F3}; top p = {p.Max():F3}");
        Assert.True(counts.Count(c => c > 0) > 3, "Too few distinct tokens for a distribution check.");
    }

    [Fact]
    public void Top_p_draws_only_from_the_nucleus_in_proportion()
    {
        using var model = TinyModels.Create();
        int vocab = model.Config.VocabSize;
        const double temperature = 1.0, topP = 0.6;
        float[] logits = TinyModels.FullLogits(model, Prompt);
        var p = Tempered(logits.AsSpan((Prompt.Length - 1) * vocab, vocab), temperature);
        var ranked = Enumerable.Range(0, vocab).OrderByDescending(v => p[v]).ToArray();
        var nucleus = new List<int>();
        double mass = 0;
        foreach (int v in ranked)
        {
            nucleus.Add(v);
            mass += p[v];
            if (mass >= topP)
                break;
        }
        Assert.True(nucleus.Count >= 2, "The nucleus should hold several tokens for this check to mean something.");

        const int draws = 3000;
        var results = TokenGenerator.Generate(model, Enumerable.Repeat<IReadOnlyList<int>>(Prompt, draws).ToArray(),
            new GenerationOptions { MaxNewTokens = 1, Temperature = temperature, TopP = topP, Seed = 11 }, maxBatchSize: 500);
        var counts = results.GroupBy(r => r.Tokens[0]).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(counts.Keys, token => Assert.Contains(token, nucleus));
        foreach (int v in nucleus)
        {
            double expected = p[v] / mass, observed = counts.GetValueOrDefault(v) / (double)draws;
            double allowed = 5 * Math.Sqrt(expected * (1 - expected) / draws) + 1e-3;
            Assert.True(Math.Abs(observed - expected) <= allowed, $"token {v}: observed {observed:F4}, expected {expected:F4}");
        }
    }

    [Fact]
    public void A_stop_token_ends_the_row_and_is_not_returned()
    {
        using var model = TinyModels.Create();
        var greedy = TokenGenerator.Generate(model, Prompt, Greedy).Tokens;
        int stop = greedy[4];

        var result = TokenGenerator.Generate(model, Prompt, Greedy with { StopTokenIds = [stop] });

        Assert.Equal(FinishReason.StopToken, result.Reason);
        Assert.Equal(stop, result.StopTokenId);
        // Everything before the first occurrence of the stop id, which may come earlier than index 4.
        var expected = greedy.TakeWhile(t => t != stop).ToList();
        Assert.True(expected.Count <= 4);
        Assert.Equal(expected, result.Tokens);
    }

    [Fact]
    public void Max_new_tokens_and_the_stop_callback_end_the_row()
    {
        using var model = TinyModels.Create();
        var greedy = TokenGenerator.Generate(model, Prompt, Greedy).Tokens;

        var three = TokenGenerator.Generate(model, Prompt, Greedy with { MaxNewTokens = 3 });
        Assert.Equal(greedy.Take(3), three.Tokens);
        Assert.Equal(FinishReason.MaxNewTokens, three.Reason);

        // Stops as soon as the ids so far end with the pair greedy[5], greedy[6]; that last id is kept.
        var seen = new List<int>();
        var byCallback = TokenGenerator.Generate(model, Prompt, Greedy with
        {
            StopWhen = ids =>
            {
                seen.Add(ids.Count);
                return ids.Count >= 2 && ids[^2] == greedy[5] && ids[^1] == greedy[6];
            },
        });
        int end = Enumerable.Range(1, greedy.Count - 1).First(k => greedy[k - 1] == greedy[5] && greedy[k] == greedy[6]) + 1;
        Assert.Equal(FinishReason.StopCondition, byCallback.Reason);
        Assert.Equal(greedy.Take(end), byCallback.Tokens);
        Assert.Equal(Enumerable.Range(1, end), seen);
    }

    [Fact]
    public void Prompts_of_different_lengths_batch_like_one_at_a_time()
    {
        using var model = TinyModels.Create();
        IReadOnlyList<int>[] prompts = [[5, 6], [1, 17, 42, 5, 63, 0, 9, 30], [44, 2, 2, 8, 13], [60]];
        var one = prompts.Select(p => TokenGenerator.Generate(model, p, Greedy).Tokens).ToArray();
        var batched = TokenGenerator.Generate(model, prompts, Greedy, maxBatchSize: 3);

        Assert.Equal(prompts.Length, batched.Count);
        for (int i = 0; i < prompts.Length; i++)
            Assert.Equal(one[i], batched[i].Tokens);
        Assert.Equal(TinyModels.GreedyByFullForward(model, prompts[3], 12), batched[3].Tokens);

        // Sampling streams follow the prompt index, so the first prompt samples as it would alone.
        var sampling = Greedy with { Temperature = 1.2, Seed = 5 };
        var alone = TokenGenerator.Generate(model, prompts[0], sampling).Tokens;
        Assert.Equal(alone, TokenGenerator.Generate(model, prompts, sampling, maxBatchSize: 4)[0].Tokens);
    }

    [Fact]
    public void Rows_finish_independently_in_a_batch()
    {
        using var model = TinyModels.Create();
        IReadOnlyList<int>[] prompts = [Prompt, [9, 9, 3]];
        var greedy = prompts.Select(p => TokenGenerator.Generate(model, p, Greedy).Tokens).ToArray();
        int stop = greedy[0][2];
        Assert.DoesNotContain(stop, greedy[1].Take(6)); // precondition: the other row does not hit it early

        var results = TokenGenerator.Generate(model, prompts, Greedy with { StopTokenIds = [stop], MaxNewTokens = 6 });

        Assert.Equal(FinishReason.StopToken, results[0].Reason);
        Assert.Equal(greedy[0].TakeWhile(t => t != stop), results[0].Tokens);
        Assert.Equal(FinishReason.MaxNewTokens, results[1].Reason);
        Assert.Equal(greedy[1].Take(6), results[1].Tokens);
    }

    [Fact]
    public void A_row_at_the_end_of_the_context_does_not_stop_the_others()
    {
        using var model = TinyModels.Create();
        var nearlyFull = Enumerable.Range(0, 28).Select(i => (i * 7 + 3) % 64).ToArray();
        int[] shortPrompt = [5, 6];

        var results = TokenGenerator.Generate(model, [nearlyFull, shortPrompt], Greedy);

        Assert.Equal(FinishReason.ContextFull, results[0].Reason);
        Assert.Equal(TinyModels.GreedyByFullForward(model, nearlyFull, 4), results[0].Tokens);
        Assert.Equal(FinishReason.MaxNewTokens, results[1].Reason);
        Assert.Equal(TinyModels.GreedyByFullForward(model, shortPrompt, 12), results[1].Tokens);
    }

    [Fact]
    public void Long_generation_leaves_no_tensors_behind()
    {
        using var model = TinyModels.Create();
        var options = new GenerationOptions { MaxNewTokens = 25, Temperature = 1.0, TopP = 0.9, Seed = 3 };
        TokenGenerator.Generate(model, Prompt, options); // builds the rotary tables, which the model keeps

        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        TokenGenerator.Generate(model, Prompt, options);
        TokenGenerator.Generate(model, [Prompt, [3, 4]], Greedy with { MaxNewTokens = 25 });
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.Equal(before, after);
    }

    [Fact]
    public void Bad_requests_are_refused_with_a_reason()
    {
        using var model = TinyModels.Create();
        Assert.Contains("outside the vocabulary", Assert.Throws<ArgumentOutOfRangeException>(
            () => TokenGenerator.Generate(model, [1, 64], Greedy)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(
            () => TokenGenerator.Generate(model, Array.Empty<int>(), Greedy)).Message);
        Assert.Contains("max_position_embeddings", Assert.Throws<ArgumentException>(
            () => TokenGenerator.Generate(model, new int[32], Greedy)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenGenerator.Generate(model, Prompt, Greedy with { MaxNewTokens = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenGenerator.Generate(model, Prompt, Greedy with { Temperature = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenGenerator.Generate(model, Prompt, Greedy with { TopP = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenGenerator.Generate(model, Prompt, Greedy with { StopTokenIds = [64] }));
    }

    private static double[] Tempered(ReadOnlySpan<float> logits, double temperature)
    {
        double max = double.NegativeInfinity;
        foreach (float l in logits)
            max = Math.Max(max, l);
        var p = new double[logits.Length];
        for (int i = 0; i < p.Length; i++)
            p[i] = Math.Exp((logits[i] - max) / temperature);
        double sum = p.Sum();
        return p.Select(x => x / sum).ToArray();
    }
}
