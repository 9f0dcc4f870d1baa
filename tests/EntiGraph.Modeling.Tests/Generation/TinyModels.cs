using EntiGraph.Modeling.Llama;
using EntiGraph.Modeling.Tests.Llama;
using TorchSharp;

namespace EntiGraph.Modeling.Tests.Generation;

/// <summary>Seeded tiny models and plain full-forward references for the generation and scoring tests.</summary>
internal static class TinyModels
{
    /// <summary>4 query heads over 2 key/value heads, so the cache is checked under grouped-query attention.</summary>
    public static LlamaModel Create(bool tied = false, ulong seed = 20240611) =>
        LlamaModelTests.SeededModel(LlamaModelTests.Tiny(tied), seed);

    /// <summary>Logits [seq, vocab] of one sequence by the full forward, flattened row-major.</summary>
    public static float[] FullLogits(LlamaModel model, IReadOnlyList<int> ids)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = torch.tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Count]);
        return model.forward(input).contiguous().data<float>().ToArray();
    }

    /// <summary>Greedy decoding the slow way: a full forward over everything so far for every new token.</summary>
    public static List<int> GreedyByFullForward(LlamaModel model, IReadOnlyList<int> prompt, int count)
    {
        int vocab = model.Config.VocabSize;
        var sequence = prompt.ToList();
        var generated = new List<int>();
        for (int n = 0; n < count && sequence.Count < model.Config.MaxPositionEmbeddings + 1; n++)
        {
            var logits = FullLogits(model, sequence);
            int next = ArgMax(logits.AsSpan((sequence.Count - 1) * vocab, vocab));
            generated.Add(next);
            sequence.Add(next);
        }
        return generated;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }

    /// <summary>log p(token) at one position, computed in double from raw logits: an independent log-softmax.</summary>
    public static double LogProb(ReadOnlySpan<float> logits, int token)
    {
        double max = double.NegativeInfinity;
        foreach (float l in logits)
            max = Math.Max(max, l);
        double sum = 0;
        foreach (float l in logits)
            sum += Math.Exp(l - max);
        return logits[token] - max - Math.Log(sum);
    }

    public static double MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
