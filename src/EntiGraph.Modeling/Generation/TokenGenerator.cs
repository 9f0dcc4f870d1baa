using EntiGraph.Modeling.Llama;
using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Modeling.Generation;

/// <summary>
/// Autoregressive generation with a key/value cache: one forward over the prompt, then one single-token forward
/// per new token. Prompts of different lengths share a batch by left padding, with each row's positions counted
/// from its own first real token, so a row generates what it would alone (up to float rounding).
/// </summary>
public static class TokenGenerator
{
    // Any id in the vocabulary works for padding: attention never reads it.
    private const int FillerId = 0;

    public static GenerationResult Generate(LlamaModel model, IReadOnlyList<int> prompt, GenerationOptions options) =>
        Generate(model, [prompt], options, maxBatchSize: 1)[0];

    /// <summary>
    /// Results in the order of <paramref name="prompts"/>. Prompts are batched longest first, at most
    /// <paramref name="maxBatchSize"/> at a time, to waste little on padding; sampling streams follow the prompt's
    /// index, not its batch, so batching does not change which random numbers a prompt gets.
    /// </summary>
    public static IReadOnlyList<GenerationResult> Generate(LlamaModel model, IReadOnlyList<IReadOnlyList<int>> prompts,
        GenerationOptions options, int maxBatchSize = 8)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        if (maxBatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxBatchSize), $"The batch size must be positive, not {maxBatchSize}.");
        var config = model.Config;
        options.Validate(config.VocabSize);
        for (int i = 0; i < prompts.Count; i++)
        {
            var prompt = prompts[i] ?? throw new ArgumentNullException(nameof(prompts), $"Prompt {i} is null.");
            if (prompt.Count == 0)
                throw new ArgumentException($"Prompt {i} is empty; the first token needs something to follow (a BOS id at least).", nameof(prompts));
            if (prompt.Count >= config.MaxPositionEmbeddings)
                throw new ArgumentException(
                    $"Prompt {i} has {prompt.Count} tokens, leaving no room for a new one within max_position_embeddings " +
                    $"({config.MaxPositionEmbeddings}); truncate it from the left first.", nameof(prompts));
            TokenIds.CheckInVocabulary(prompt, config.VocabSize, $"prompt {i}");
        }

        var results = new GenerationResult[prompts.Count];
        var longestFirst = Enumerable.Range(0, prompts.Count).OrderByDescending(i => prompts[i].Count).ToArray();
        using var inference = torch.inference_mode();
        foreach (var chunk in longestFirst.Chunk(maxBatchSize))
        {
            var rows = chunk.Select(i => new GenerationRow(i, prompts[i], options, config.MaxPositionEmbeddings)).ToArray();
            RunBatch(model, rows, options);
            foreach (var row in rows)
                results[row.Index] = row.Result();
        }
        return results;
    }

    private static void RunBatch(LlamaModel model, GenerationRow[] rows, GenerationOptions options)
    {
        int batch = rows.Length;
        int longest = rows.Max(r => r.Prompt.Count);
        // The last token picked is never fed back, hence the -1.
        long capacity = longest + rows.Max(r => r.Limit) - 1;
        var device = model.Device;
        using var cache = model.CreateCache(batch, capacity);

        var ids = new long[batch * longest];
        Array.Fill(ids, FillerId);
        var real = new bool[batch * longest];
        for (int b = 0; b < batch; b++)
        {
            var prompt = rows[b].Prompt;
            int pad = longest - prompt.Count;
            for (int t = 0; t < prompt.Count; t++)
            {
                ids[b * longest + pad + t] = prompt[t];
                real[b * longest + pad + t] = true;
            }
        }
        bool padded = rows.Any(r => r.Prompt.Count < longest);
        int[] picked = Step(model, cache, ids, longest, padded ? real : null, rows, options, device);

        while (true)
        {
            for (int b = 0; b < batch; b++)
            {
                if (!rows[b].Finished)
                    rows[b].Accept(picked[b], options);
            }
            if (rows.All(r => r.Finished))
                return;
            var next = new long[batch];
            var live = new bool[batch];
            for (int b = 0; b < batch; b++)
            {
                live[b] = !rows[b].Finished;
                next[b] = live[b] ? rows[b].Last : FillerId;
            }
            // A finished row's filler goes in as padding: as a real token it would take the next position, which
            // may lie past max_position_embeddings while a shorter prompt in the batch still has room.
            bool anyFinished = Array.IndexOf(live, false) >= 0;
            picked = Step(model, cache, next, 1, anyFinished ? live : null, rows, options, device);
        }
    }

    /// <summary>Feeds [batch, seq] ids and picks each unfinished row's next token from the last position.</summary>
    private static int[] Step(LlamaModel model, KeyValueCache cache, long[] ids, long seq, bool[]? real,
        GenerationRow[] rows, GenerationOptions options, Device device)
    {
        // Per step, so that a long generation holds only the cache and this step's tensors.
        using var scope = torch.NewDisposeScope();
        long batch = rows.Length;
        var input = torch.tensor(ids, [batch, seq], device: device);
        var mask = real is null ? null : torch.tensor(real, [batch, seq], device: device);
        var last = model.Forward(input, cache, mask).select(1, seq - 1); // [batch, vocab]

        var picked = new int[batch];
        if (options.Temperature == 0)
        {
            // Only the chosen ids cross to the CPU.
            var best = last.argmax(-1).cpu().data<long>().ToArray();
            for (int b = 0; b < batch; b++)
                picked[b] = checked((int)best[b]);
            return picked;
        }

        var logits = last.to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        int vocab = (int)last.shape[1];
        for (int b = 0; b < batch; b++)
        {
            // Finished rows draw nothing, so a row's random stream does not depend on its neighbours.
            if (!rows[b].Finished)
                picked[b] = rows[b].Sampler!.Next(logits.AsSpan(b * vocab, vocab));
        }
        return picked;
    }
}
