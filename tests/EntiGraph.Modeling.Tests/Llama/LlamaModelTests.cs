using EntiGraph.Modeling.Llama;
using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Modeling.Tests.Llama;

public class LlamaModelTests
{
    private const double Tolerance = 1e-4;

    internal static LlamaConfig Tiny(bool tied) => new()
    {
        VocabSize = 64,
        HiddenSize = 32,
        IntermediateSize = 64,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        MaxPositionEmbeddings = 32,
        RmsNormEps = 1e-5,
        RopeTheta = 10000.0,
        TieWordEmbeddings = tied,
    };

    // Two different sequences in one batch, so batch rows are checked independently too.
    private static readonly int[][] Inputs =
    [
        [1, 17, 42, 5, 63, 0, 9, 30, 30, 2, 11, 50],
        [3, 3, 60, 8, 21, 44, 1, 7, 39, 12, 0, 62],
    ];

    /// <summary>
    /// A model whose every parameter is drawn from one seeded generator. Norm weights are drawn around 1
    /// rather than left at 1, so that a forgotten norm scale would show in the comparison.
    /// </summary>
    internal static LlamaModel SeededModel(LlamaConfig config, ulong seed)
    {
        TorchRuntime.EnsureLoaded();
        var model = new LlamaModel(config);
        using var generator = new torch.Generator(seed);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        foreach (var (name, parameter) in model.named_parameters())
        {
            var noise = torch.randn(parameter.shape, generator: generator);
            if (name.EndsWith("norm.weight", StringComparison.Ordinal))
                parameter.copy_(1 + 0.2 * noise);
            else if (name.Contains("embed_tokens", StringComparison.Ordinal))
                parameter.copy_(noise);
            else
                parameter.copy_(0.3 * noise);
        }
        return model;
    }

    private static float[] Logits(LlamaModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var ids = torch.tensor(Inputs.SelectMany(row => row).Select(i => (long)i).ToArray(),
            [Inputs.Length, Inputs[0].Length]);
        var logits = model.forward(ids);
        Assert.Equal(new long[] { Inputs.Length, Inputs[0].Length, model.Config.VocabSize }, logits.shape);
        return logits.data<float>().ToArray();
    }

    private static Dictionary<string, float[]> Weights(LlamaModel model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.contiguous().data<float>().ToArray());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Torch_logits_match_the_naive_reference(bool tied)
    {
        var config = Tiny(tied);
        using var model = SeededModel(config, seed: 20240601);
        float[] torchLogits = Logits(model);
        var weights = Weights(model);

        double maxDiff = 0, maxMagnitude = 0;
        int seq = Inputs[0].Length, vocab = config.VocabSize;
        for (int b = 0; b < Inputs.Length; b++)
        {
            float[,] reference = NaiveLlama.Forward(config, weights, Inputs[b]);
            for (int t = 0; t < seq; t++)
                for (int v = 0; v < vocab; v++)
                {
                    float actual = torchLogits[(b * seq + t) * vocab + v];
                    maxDiff = Math.Max(maxDiff, Math.Abs(actual - reference[t, v]));
                    maxMagnitude = Math.Max(maxMagnitude, Math.Abs(reference[t, v]));
                }
        }

        Console.WriteLine($"tied={tied}: max |torch - naive| = {maxDiff:E3} over logits up to {maxMagnitude:F3}");
        // Guards against a vacuous pass on near-zero logits.
        Assert.True(maxMagnitude > 1, $"Logits are too small to be a meaningful check ({maxMagnitude}).");
        Assert.True(maxDiff <= Tolerance, $"max |torch - naive| = {maxDiff:E3} exceeds {Tolerance:E0}");
    }

    [Fact]
    public void Parameter_names_are_the_hugging_face_names()
    {
        using var model = SeededModel(Tiny(tied: false), seed: 1);
        var expected = new List<string> { "model.embed_tokens.weight" };
        for (int i = 0; i < 2; i++)
        {
            string p = $"model.layers.{i}.";
            expected.AddRange(new[]
            {
                "input_layernorm.weight",
                "self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight", "self_attn.o_proj.weight",
                "post_attention_layernorm.weight",
                "mlp.gate_proj.weight", "mlp.up_proj.weight", "mlp.down_proj.weight",
            }.Select(n => p + n));
        }
        expected.Add("model.norm.weight");
        expected.Add("lm_head.weight");

        Assert.Equal(expected.Order(), model.named_parameters().Select(p => p.name).Order());
        // state_dict is what a checkpoint writer sees: no rotary tables or other buffers in it.
        Assert.Equal(expected.Order(), model.state_dict().Keys.Order());

        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(new long[] { 32, 32 }, shapes["model.layers.0.self_attn.q_proj.weight"]);
        Assert.Equal(new long[] { 16, 32 }, shapes["model.layers.0.self_attn.k_proj.weight"]); // 2 kv heads of 8
        Assert.Equal(new long[] { 64, 32 }, shapes["model.layers.1.mlp.gate_proj.weight"]);
        Assert.Equal(new long[] { 32, 64 }, shapes["model.layers.1.mlp.down_proj.weight"]);
        Assert.Equal(new long[] { 64, 32 }, shapes["lm_head.weight"]);
    }

    [Fact]
    public void Tied_model_has_no_lm_head_parameter()
    {
        using var model = SeededModel(Tiny(tied: true), seed: 1);
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.DoesNotContain("lm_head.weight", names);
        Assert.Contains("model.embed_tokens.weight", names);
        Assert.Equal(2 * 9 + 2, names.Count);
    }

    [Fact]
    public void Forward_is_deterministic_for_the_same_seed()
    {
        using var first = SeededModel(Tiny(tied: false), seed: 7);
        using var second = SeededModel(Tiny(tied: false), seed: 7);
        using var other = SeededModel(Tiny(tied: false), seed: 8);

        float[] a = Logits(first), again = Logits(first), b = Logits(second), c = Logits(other);

        // Bit for bit, not approximately.
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), again.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Later_tokens_do_not_change_earlier_logits()
    {
        var config = Tiny(tied: false);
        using var model = SeededModel(config, seed: 3);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var full = model.forward(torch.tensor(new long[] { 5, 6, 7, 8 }, [1, 4]));
        var changedLast = model.forward(torch.tensor(new long[] { 5, 6, 7, 40 }, [1, 4]));

        var prefixFull = full.narrow(1, 0, 3).data<float>().ToArray();
        var prefixChanged = changedLast.narrow(1, 0, 3).contiguous().data<float>().ToArray();
        Assert.Equal(prefixFull.Length, prefixChanged.Length);
        for (int i = 0; i < prefixFull.Length; i++)
            Assert.True(Math.Abs(prefixFull[i] - prefixChanged[i]) < 1e-5, $"Causal mask leaked at {i}.");
        Assert.False(full.narrow(1, 3, 1).allclose(changedLast.narrow(1, 3, 1)));
    }

    [Fact]
    public void Too_long_input_is_rejected()
    {
        using var model = SeededModel(Tiny(tied: false), seed: 1);
        using var ids = torch.zeros([1, 33], ScalarType.Int64);
        var error = Assert.Throws<ArgumentException>(() => model.forward(ids));
        Assert.Contains("max_position_embeddings", error.Message);
    }
}
