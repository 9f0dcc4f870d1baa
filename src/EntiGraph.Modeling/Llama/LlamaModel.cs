// A Llama decoder-only transformer in TorchSharp, readable top to bottom:
// RMSNorm, rotary embeddings, attention, MLP, decoder layer, then the whole model.
// Field names are load-bearing: TorchSharp's RegisterComponents names submodules and parameters
// after the fields, and those names must spell Hugging Face's tensor names
// ("model.layers.0.self_attn.q_proj.weight", ...) so that checkpoints load without a renaming table.
#pragma warning disable IDE1006 // snake_case fields are the Hugging Face names, on purpose.

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace EntiGraph.Modeling.Llama;

/// <summary>Root-mean-square norm: no mean subtraction and no bias, only a learned per-channel scale.</summary>
public sealed class LlamaRMSNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    public LlamaRMSNorm(long dim, double eps) : base(nameof(LlamaRMSNorm))
    {
        weight = new Parameter(torch.ones(dim));
        _eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        // Normalize in float32 even for half-precision inputs, as Hugging Face does, so the sum of squares stays exact enough.
        using var scope = torch.NewDisposeScope();
        var x32 = x.to_type(ScalarType.Float32);
        var variance = x32.pow(2).mean([-1], keepdim: true);
        var normed = x32 * torch.rsqrt(variance + _eps);
        return (weight * normed.to_type(x.dtype)).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Rotary position embeddings in Hugging Face's layout: the head is split into two halves (not interleaved pairs),
/// and dimension i of the first half rotates together with dimension i of the second half.
/// </summary>
public static class Rotary
{
    /// <summary>cos and sin tables of shape [seq, headDim] for positions 0..seq-1.</summary>
    public static (Tensor Cos, Tensor Sin) Tables(long seq, int headDim, double theta, Device? device = null)
    {
        // Computed in double and rounded once, so long contexts do not accumulate float32 error in the angles.
        int half = headDim / 2;
        var cos = new float[seq * headDim];
        var sin = new float[seq * headDim];
        for (long pos = 0; pos < seq; pos++)
        {
            for (int i = 0; i < half; i++)
            {
                double angle = pos / Math.Pow(theta, 2.0 * i / headDim);
                float c = (float)Math.Cos(angle), s = (float)Math.Sin(angle);
                // Both halves use the same frequency: HF builds emb = cat(freqs, freqs).
                cos[pos * headDim + i] = cos[pos * headDim + half + i] = c;
                sin[pos * headDim + i] = sin[pos * headDim + half + i] = s;
            }
        }
        return (torch.tensor(cos, [seq, headDim], device: device), torch.tensor(sin, [seq, headDim], device: device));
    }

    /// <summary>x * cos + rotate_half(x) * sin, where rotate_half(x) = cat(-x2, x1) over the last dimension.</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        long half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = torch.cat([-x2, x1], -1);
        return x * cos + rotated * sin;
    }
}

/// <summary>Causal self-attention with grouped-query attention: fewer key/value heads than query heads.</summary>
public sealed class LlamaAttention : nn.Module
{
    private readonly Linear q_proj, k_proj, v_proj, o_proj;
    private readonly int _heads, _kvHeads, _headDim;

    public LlamaAttention(LlamaConfig config) : base(nameof(LlamaAttention))
    {
        _heads = config.NumAttentionHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        // Llama has no biases anywhere in attention.
        q_proj = Linear(config.HiddenSize, _heads * _headDim, hasBias: false);
        k_proj = Linear(config.HiddenSize, _kvHeads * _headDim, hasBias: false);
        v_proj = Linear(config.HiddenSize, _kvHeads * _headDim, hasBias: false);
        o_proj = Linear(_heads * _headDim, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin)
    {
        long batch = x.shape[0], seq = x.shape[1];

        // [batch, seq, heads*dim] -> [batch, heads, seq, dim]: attention works per head.
        var q = q_proj.forward(x).view(batch, seq, _heads, _headDim).transpose(1, 2);
        var k = k_proj.forward(x).view(batch, seq, _kvHeads, _headDim).transpose(1, 2);
        var v = v_proj.forward(x).view(batch, seq, _kvHeads, _headDim).transpose(1, 2);

        // Position enters only through q and k, so attention scores depend on relative offsets.
        q = Rotary.Apply(q, cos, sin);
        k = Rotary.Apply(k, cos, sin);

        // Query head h reads key/value head h / groupSize; repeat_interleave lays the copies out in that order.
        int groupSize = _heads / _kvHeads;
        if (groupSize > 1)
        {
            k = k.repeat_interleave(groupSize, dim: 1);
            v = v.repeat_interleave(groupSize, dim: 1);
        }

        // Scaled by 1/sqrt(headDim); the causal mask keeps each position from seeing later ones.
        var y = functional.scaled_dot_product_attention(q, k, v, is_casual: true);

        // Back to [batch, seq, heads*dim] and mix the heads.
        y = y.transpose(1, 2).contiguous().view(batch, seq, _heads * _headDim);
        return o_proj.forward(y);
    }
}

/// <summary>SwiGLU feed-forward: down(silu(gate(x)) * up(x)).</summary>
public sealed class LlamaMLP : nn.Module<Tensor, Tensor>
{
    private readonly Linear gate_proj, up_proj, down_proj;

    public LlamaMLP(LlamaConfig config) : base(nameof(LlamaMLP))
    {
        gate_proj = Linear(config.HiddenSize, config.IntermediateSize, hasBias: false);
        up_proj = Linear(config.HiddenSize, config.IntermediateSize, hasBias: false);
        down_proj = Linear(config.IntermediateSize, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        down_proj.forward(functional.silu(gate_proj.forward(x)) * up_proj.forward(x));
}

/// <summary>One pre-norm block: each sublayer reads a normalized copy and adds its result to the residual stream.</summary>
public sealed class LlamaDecoderLayer : nn.Module
{
    private readonly LlamaRMSNorm input_layernorm;
    private readonly LlamaAttention self_attn;
    private readonly LlamaRMSNorm post_attention_layernorm;
    private readonly LlamaMLP mlp;

    public LlamaDecoderLayer(LlamaConfig config) : base(nameof(LlamaDecoderLayer))
    {
        input_layernorm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        self_attn = new LlamaAttention(config);
        post_attention_layernorm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        mlp = new LlamaMLP(config);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin)
    {
        x = x + self_attn.Forward(input_layernorm.forward(x), cos, sin);
        return x + mlp.forward(post_attention_layernorm.forward(x));
    }
}

/// <summary>
/// The transformer body, Hugging Face's <c>LlamaModel</c>: embeddings, decoder layers and the final norm.
/// It lives under the field "model" of <see cref="LlamaModel"/>, which gives the "model." prefix of the tensor names.
/// </summary>
public sealed class LlamaBody : nn.Module
{
    private readonly Embedding embed_tokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly LlamaRMSNorm norm;

    public LlamaBody(LlamaConfig config) : base(nameof(LlamaBody))
    {
        embed_tokens = Embedding(config.VocabSize, config.HiddenSize);
        layers = new ModuleList<LlamaDecoderLayer>();
        for (int i = 0; i < config.NumHiddenLayers; i++)
            layers.Add(new LlamaDecoderLayer(config));
        norm = new LlamaRMSNorm(config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    /// <summary>The token embedding matrix [vocab, hidden], which a tied lm_head reuses.</summary>
    public Parameter EmbeddingWeight => embed_tokens.weight!;

    /// <summary>ids [batch, seq] -> normalized hidden states [batch, seq, hidden].</summary>
    public Tensor Forward(Tensor ids, Tensor cos, Tensor sin)
    {
        var x = embed_tokens.forward(ids);
        foreach (var layer in layers)
            x = layer.Forward(x, cos, sin);
        return norm.forward(x);
    }
}

/// <summary>
/// Llama for causal language modeling (Hugging Face's <c>LlamaForCausalLM</c>): input ids [batch, seq] to
/// next-token logits [batch, seq, vocab]. With tie_word_embeddings there is no lm_head parameter at all: the
/// output projection reuses model.embed_tokens.weight, as tied Hugging Face checkpoints store it.
/// </summary>
public sealed class LlamaModel : nn.Module<Tensor, Tensor>
{
    private readonly LlamaBody model;
    private readonly Linear? lm_head; // null when tied; RegisterComponents skips null fields.

    public LlamaConfig Config { get; }

    public LlamaModel(LlamaConfig config) : base(nameof(LlamaModel))
    {
        config.Validate();
        Config = config;
        model = new LlamaBody(config);
        if (!config.TieWordEmbeddings)
            lm_head = Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor ids)
    {
        if (ids.dim() != 2)
            throw new ArgumentException($"Input ids must be [batch, seq]; got {ids.dim()} dimensions.", nameof(ids));
        long seq = ids.shape[1];
        if (seq > Config.MaxPositionEmbeddings)
            throw new ArgumentException($"Sequence length {seq} exceeds max_position_embeddings ({Config.MaxPositionEmbeddings}).", nameof(ids));

        using var scope = torch.NewDisposeScope();
        // One table per forward, shared by every layer; it is not a buffer, so it stays out of state_dict().
        var (cos, sin) = Rotary.Tables(seq, Config.HeadDim, Config.RopeTheta, ids.device);
        var hidden = model.Forward(ids, cos, sin);
        var logits = lm_head is null
            ? functional.linear(hidden, model.EmbeddingWeight)
            : lm_head.forward(hidden);
        return logits.MoveToOuterDisposeScope();
    }
}
