using EntiGraph.Modeling.Generation;
using EntiGraph.Modeling.Llama;
using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Modeling.Tests.Generation;

public class KeyValueCacheTests
{
    private const double Tolerance = 1e-4;

    private static readonly int[] Sequence = [1, 17, 42, 5, 63, 0, 9, 30, 30, 2, 11, 50, 7, 7, 19];

    /// <summary>Feeds <see cref="Sequence"/> in the given chunk sizes through one cache; logits of every position, row-major.</summary>
    private static float[] CachedLogits(LlamaModel model, int[] chunks)
    {
        Assert.Equal(Sequence.Length, chunks.Sum());
        using var cache = model.CreateCache(batch: 1, capacity: Sequence.Length);
        var all = new List<float>();
        int start = 0;
        foreach (int size in chunks)
        {
            using var scope = torch.NewDisposeScope();
            var ids = torch.tensor(Sequence.Skip(start).Take(size).Select(i => (long)i).ToArray(), [1, size]);
            var logits = model.Forward(ids, cache);
            Assert.Equal(new long[] { 1, size, model.Config.VocabSize }, logits.shape);
            all.AddRange(logits.data<float>().ToArray());
            start += size;
            Assert.Equal(start, cache.Length);
        }
        return all.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Prefill_then_single_token_steps_match_the_full_forward(bool tied)
    {
        using var model = TinyModels.Create(tied);
        float[] full = TinyModels.FullLogits(model, Sequence);
        // A 5-token prefill, then one token at a time: the path generation takes.
        float[] cached = CachedLogits(model, [5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

        double diff = TinyModels.MaxAbsDiff(full, cached);
        Console.WriteLine($"tied={tied}: prefill + single steps, max |cached - full| = {diff:E3}");
        Assert.True(full.Max(Math.Abs) > 1, "Logits too small for a meaningful comparison.");
        Assert.True(diff < Tolerance, $"max |cached - full| = {diff:E3}");
    }

    [Fact]
    public void Multi_token_chunks_after_a_cache_match_the_full_forward()
    {
        using var model = TinyModels.Create();
        float[] full = TinyModels.FullLogits(model, Sequence);
        // Chunks after a non-empty cache need the bottom-right-aligned mask; SDPA's own causal flag would be wrong.
        float[] cached = CachedLogits(model, [4, 5, 1, 3, 2]);

        double diff = TinyModels.MaxAbsDiff(full, cached);
        Console.WriteLine($"chunks 4+5+1+3+2: max |cached - full| = {diff:E3}");
        Assert.True(diff < Tolerance, $"max |cached - full| = {diff:E3}");
    }

    [Fact]
    public void Single_token_steps_from_an_empty_cache_match_the_full_forward()
    {
        using var model = TinyModels.Create();
        float[] full = TinyModels.FullLogits(model, Sequence);
        float[] cached = CachedLogits(model, Enumerable.Repeat(1, Sequence.Length).ToArray());
        Assert.True(TinyModels.MaxAbsDiff(full, cached) < Tolerance);
    }

    [Fact]
    public void Left_padded_rows_match_each_row_alone()
    {
        using var model = TinyModels.Create();
        int vocab = model.Config.VocabSize;
        int[] longRow = [3, 3, 60, 8, 21, 44, 1, 7, 39];
        int[] shortRow = [12, 0, 62, 5];
        int[] steps = [9, 31, 4];
        int pad = longRow.Length - shortRow.Length;

        using var cache = model.CreateCache(batch: 2, capacity: longRow.Length + steps.Length);
        using var scope = torch.NewDisposeScope();
        var prompt = torch.tensor(longRow.Concat(Enumerable.Repeat(0, pad)).Concat(shortRow).Select(i => (long)i).ToArray(), [2, longRow.Length]);
        var mask = torch.tensor(Enumerable.Repeat(1L, longRow.Length).Concat(Enumerable.Repeat(0L, pad)).Concat(Enumerable.Repeat(1L, shortRow.Length)).ToArray(), [2, longRow.Length]);
        var prefill = model.Forward(prompt, cache, mask);
        Assert.True(cache.HasPadding);
        Assert.Equal(longRow.Length, cache.RealLength(0));
        Assert.Equal(shortRow.Length, cache.RealLength(1));

        var stepLogits = new List<Tensor>();
        foreach (int token in steps)
            stepLogits.Add(model.Forward(torch.tensor(new long[] { token, token }, [2, 1]), cache));
        var cachedAll = torch.cat([prefill, .. stepLogits], 1); // [2, 9 + 3, vocab]

        double maxDiff = 0;
        foreach (var (row, ids, offset) in new[] { (0, longRow, 0), (1, shortRow, pad) })
        {
            float[] alone = TinyModels.FullLogits(model, ids.Concat(steps).ToArray());
            // Only real positions: the short row's padded slots produce nothing anyone reads.
            var mine = cachedAll[row].narrow(0, offset, ids.Length + steps.Length).contiguous().data<float>().ToArray();
            Assert.Equal(alone.Length, mine.Length);
            Assert.DoesNotContain(mine, float.IsNaN);
            maxDiff = Math.Max(maxDiff, TinyModels.MaxAbsDiff(alone, mine));
        }
        Console.WriteLine($"left padding: max |batched - alone| = {maxDiff:E3} over vocab {vocab}");
        Assert.True(maxDiff < Tolerance, $"max |batched - alone| = {maxDiff:E3}");
    }

    [Fact]
    public void Works_under_no_grad_and_inference_mode_and_leaves_training_forward_intact()
    {
        using var model = TinyModels.Create();
        using var untouched = TinyModels.Create();
        var keys = model.state_dict().Keys.Order().ToList();

        // The first forward of all, so the rotary tables are built here, inside inference mode.
        using (torch.inference_mode())
            CachedLogits(model, [6, 9]);
        using (torch.no_grad())
            CachedLogits(model, [15]);

        // Cached tables must not have become buffers, nor changed the full forward by a single bit.
        Assert.Equal(keys, model.state_dict().Keys.Order().ToList());
        float[] before = TinyModels.FullLogits(untouched, Sequence);
        float[] after = TinyModels.FullLogits(model, Sequence);
        Assert.Equal(before.Select(BitConverter.SingleToInt32Bits), after.Select(BitConverter.SingleToInt32Bits));

        // A training step still works: tables made under inference mode would be refused by autograd.
        using var scope = torch.NewDisposeScope();
        var logits = model.forward(torch.tensor(Sequence.Select(i => (long)i).ToArray(), [1, Sequence.Length]));
        logits.pow(2).mean().backward();
        var grad = model.named_parameters().First(p => p.name.EndsWith("q_proj.weight", StringComparison.Ordinal)).parameter.grad;
        Assert.NotNull(grad);
        Assert.True(grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void A_bfloat16_model_keeps_its_type_through_the_cache()
    {
        using var model = TinyModels.Create();
        float[] reference = TinyModels.FullLogits(model, Sequence);
        model.to(ScalarType.BFloat16);
        Assert.Equal(ScalarType.BFloat16, model.DType);

        float[] full, cached;
        using (var scope = torch.NewDisposeScope())
        {
            var logits = model.forward(torch.tensor(Sequence.Select(i => (long)i).ToArray(), [1, Sequence.Length]));
            Assert.Equal(ScalarType.BFloat16, logits.dtype);
            full = logits.to_type(ScalarType.Float32).data<float>().ToArray();
        }
        using (var cache = model.CreateCache(1, Sequence.Length))
        using (var scope = torch.NewDisposeScope())
        {
            var parts = new[] { (0, 9), (9, 1), (10, 5) }.Select(c => model.Forward(
                torch.tensor(Sequence.Skip(c.Item1).Take(c.Item2).Select(i => (long)i).ToArray(), [1, c.Item2]), cache));
            cached = torch.cat(parts.ToArray(), 1).to_type(ScalarType.Float32).data<float>().ToArray();
        }

        // bfloat16 keeps 8 bits of mantissa: compare against the logit scale, not the float32 tolerance.
        double scale = reference.Max(Math.Abs);
        double vsFloat = TinyModels.MaxAbsDiff(reference, full) / scale, vsFull = TinyModels.MaxAbsDiff(full, cached) / scale;
        Console.WriteLine($"bfloat16: max |full - float32| = {vsFloat:P2}, max |cached - full| = {vsFull:P2} of the largest logit");
        Assert.True(vsFloat < 0.1 && vsFull < 0.1, $"{vsFloat:P2}, {vsFull:P2}");
    }

    [Fact]
    public void The_cached_forward_records_no_gradients()
    {
        using var model = TinyModels.Create();
        using var cache = model.CreateCache(1, 4);
        using var logits = model.Forward(torch.tensor(new long[] { 1, 2, 3 }, [1, 3]), cache);
        Assert.False(logits.requires_grad);
    }

    [Fact]
    public void Reset_lets_the_cache_serve_a_new_sequence()
    {
        using var model = TinyModels.Create();
        using var cache = model.CreateCache(1, 6);
        using var scope = torch.NewDisposeScope();
        var first = model.Forward(torch.tensor(new long[] { 4, 5, 6 }, [1, 3]), cache).data<float>().ToArray();
        model.Forward(torch.tensor(new long[] { 9, 9, 9 }, [1, 3]), cache);
        cache.Reset();
        Assert.Equal(0, cache.Length);
        var again = model.Forward(torch.tensor(new long[] { 4, 5, 6 }, [1, 3]), cache).data<float>().ToArray();
        Assert.True(TinyModels.MaxAbsDiff(first, again) < 1e-6);
    }

    [Fact]
    public void Misuse_is_reported_clearly()
    {
        using var model = TinyModels.Create();
        using var scope = torch.NewDisposeScope();
        using var cache = model.CreateCache(batch: 1, capacity: 4);
        model.Forward(torch.tensor(new long[] { 1, 2, 3 }, [1, 3]), cache);

        var full = Assert.Throws<InvalidOperationException>(() => model.Forward(torch.tensor(new long[] { 1, 2 }, [1, 2]), cache));
        Assert.Contains("4 slots", full.Message);
        Assert.Equal(3, cache.Length); // a refused step leaves the cache as it was

        var rows = Assert.Throws<ArgumentException>(() => model.Forward(torch.tensor(new long[] { 1, 2 }, [2, 1]), cache));
        Assert.Contains("1 rows", rows.Message);

        var maskShape = Assert.Throws<ArgumentException>(() =>
            model.Forward(torch.tensor(new long[] { 1 }, [1, 1]), cache, torch.ones([1, 2], ScalarType.Int64)));
        Assert.Contains("attention mask", maskShape.Message);

        // Positions past max_position_embeddings (32) are refused even when the cache has room.
        using var big = model.CreateCache(batch: 1, capacity: 40);
        var tooFar = Assert.Throws<ArgumentException>(() => model.Forward(torch.zeros([1, 33], ScalarType.Int64), big));
        Assert.Contains("max_position_embeddings", tooFar.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.CreateCache(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.CreateCache(1, 0));
        cache.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.Forward(torch.tensor(new long[] { 1 }, [1, 1]), cache));
    }
}
