namespace EntiGraph.Modeling.Llama;

/// <summary>
/// A reference Llama forward pass in plain loops, with no TorchSharp, for checking <see cref="LlamaModel"/>
/// against an implementation that shares none of its code. Slow on purpose: every step is written out, and
/// accumulates in double so that its own rounding is far below the float32 model's.
/// </summary>
public static class NaiveLlama
{
    /// <summary>
    /// Logits [seq, vocab] for one sequence. Weights are row-major float arrays keyed by Hugging Face tensor
    /// names; "lm_head.weight" may be absent when the config ties embeddings.
    /// </summary>
    public static float[,] Forward(LlamaConfig config, IReadOnlyDictionary<string, float[]> weights, int[] ids)
    {
        config.Validate();
        int seq = ids.Length, hidden = config.HiddenSize, vocab = config.VocabSize;
        int heads = config.NumAttentionHeads, kvHeads = config.NumKeyValueHeads, headDim = config.HeadDim;
        int kvWidth = kvHeads * headDim;

        float[] W(string name) => weights.TryGetValue(name, out var w)
            ? w
            : throw new KeyNotFoundException($"Weight \"{name}\" is missing.");

        // Embedding lookup: row ids[t] of the embedding matrix.
        var embed = W("model.embed_tokens.weight");
        var x = new double[seq][];
        for (int t = 0; t < seq; t++)
        {
            if (ids[t] < 0 || ids[t] >= vocab)
                throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {ids[t]} is outside the vocabulary of {vocab}.");
            x[t] = new double[hidden];
            for (int c = 0; c < hidden; c++)
                x[t][c] = embed[ids[t] * hidden + c];
        }

        for (int layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            string p = $"model.layers.{layer}.";

            // Attention sublayer.
            var h = x.Select(row => RmsNorm(row, W(p + "input_layernorm.weight"), config.RmsNormEps)).ToArray();
            var q = h.Select(row => MatVec(W(p + "self_attn.q_proj.weight"), row, heads * headDim)).ToArray();
            var k = h.Select(row => MatVec(W(p + "self_attn.k_proj.weight"), row, kvWidth)).ToArray();
            var v = h.Select(row => MatVec(W(p + "self_attn.v_proj.weight"), row, kvWidth)).ToArray();
            for (int t = 0; t < seq; t++)
            {
                for (int hd = 0; hd < heads; hd++)
                    RotateInPlace(q[t], hd * headDim, headDim, t, config.RopeTheta);
                for (int hd = 0; hd < kvHeads; hd++)
                    RotateInPlace(k[t], hd * headDim, headDim, t, config.RopeTheta);
            }

            var attended = new double[seq][];
            int groupSize = heads / kvHeads;
            double scale = 1.0 / Math.Sqrt(headDim);
            for (int t = 0; t < seq; t++)
            {
                attended[t] = new double[heads * headDim];
                for (int hd = 0; hd < heads; hd++)
                {
                    int kvOffset = hd / groupSize * headDim; // grouped-query: this query head's shared key/value head
                    int qOffset = hd * headDim;
                    // Causal: position t attends to positions 0..t only.
                    var scores = new double[t + 1];
                    for (int s = 0; s <= t; s++)
                    {
                        double dot = 0;
                        for (int d = 0; d < headDim; d++)
                            dot += q[t][qOffset + d] * k[s][kvOffset + d];
                        scores[s] = dot * scale;
                    }
                    // Softmax, shifted by the maximum so exp cannot overflow.
                    double max = scores.Max(), sum = 0;
                    for (int s = 0; s <= t; s++)
                        sum += scores[s] = Math.Exp(scores[s] - max);
                    for (int s = 0; s <= t; s++)
                        for (int d = 0; d < headDim; d++)
                            attended[t][qOffset + d] += scores[s] / sum * v[s][kvOffset + d];
                }
            }
            for (int t = 0; t < seq; t++)
                Add(x[t], MatVec(W(p + "self_attn.o_proj.weight"), attended[t], hidden));

            // MLP sublayer: down(silu(gate) * up).
            for (int t = 0; t < seq; t++)
            {
                var n = RmsNorm(x[t], W(p + "post_attention_layernorm.weight"), config.RmsNormEps);
                var gate = MatVec(W(p + "mlp.gate_proj.weight"), n, config.IntermediateSize);
                var up = MatVec(W(p + "mlp.up_proj.weight"), n, config.IntermediateSize);
                for (int i = 0; i < gate.Length; i++)
                    gate[i] = gate[i] / (1 + Math.Exp(-gate[i])) * up[i];
                Add(x[t], MatVec(W(p + "mlp.down_proj.weight"), gate, hidden));
            }
        }

        var head = config.TieWordEmbeddings ? embed : W("lm_head.weight");
        var logits = new float[seq, vocab];
        for (int t = 0; t < seq; t++)
        {
            var final = MatVec(head, RmsNorm(x[t], W("model.norm.weight"), config.RmsNormEps), vocab);
            for (int i = 0; i < vocab; i++)
                logits[t, i] = (float)final[i];
        }
        return logits;
    }

    /// <summary>y = W x for W stored [rows, x.Length] row-major, as torch stores Linear weights [out, in].</summary>
    private static double[] MatVec(float[] w, double[] x, int rows)
    {
        if (w.Length != rows * x.Length)
            throw new ArgumentException($"Weight has {w.Length} values, expected {rows} x {x.Length}.");
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int c = 0; c < x.Length; c++)
                sum += w[r * x.Length + c] * x[c];
            y[r] = sum;
        }
        return y;
    }

    private static double[] RmsNorm(double[] x, float[] weight, double eps)
    {
        double meanSquare = x.Sum(v => v * v) / x.Length;
        double inv = 1.0 / Math.Sqrt(meanSquare + eps);
        return x.Select((v, i) => v * inv * weight[i]).ToArray();
    }

    /// <summary>
    /// Rotates one head in place: dimension i pairs with i + dim/2 (Hugging Face's rotate_half), angle = pos / theta^(2i/dim).
    /// </summary>
    private static void RotateInPlace(double[] v, int offset, int dim, int pos, double theta)
    {
        int half = dim / 2;
        for (int i = 0; i < half; i++)
        {
            double angle = pos / Math.Pow(theta, 2.0 * i / dim);
            double c = Math.Cos(angle), s = Math.Sin(angle);
            double a = v[offset + i], b = v[offset + half + i];
            v[offset + i] = a * c - b * s;
            v[offset + half + i] = b * c + a * s;
        }
    }

    private static void Add(double[] into, double[] other)
    {
        for (int i = 0; i < into.Length; i++)
            into[i] += other[i];
    }
}
