// A Llama decoder-only transformer in TorchSharp, readable top to bottom:
// RMSNorm, rotary embeddings, attention, MLP, decoder layer, then the whole model.
// Field names are load-bearing: TorchSharp's RegisterComponents names submodules and parameters
// after the fields, and those names must spell Hugging Face's tensor names
// ("model.layers.0.self_attn.q_proj.weight", ...) so that checkpoints load without a renaming table.
#pragma warning disable IDE1006 // snake_case fields are the Hugging Face names, on purpose.

using EntiGraph.Modeling.Generation;
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

    /// <summary>The scale itself, not a copy of its handle (Embedding.weight hands out a new handle per read).</summary>
    internal Parameter Weight => weight;

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

/// <summary>
/// Rotary tables kept across forwards, one pair per device and element type, grown by doubling up to max_position_embeddings,
/// so that a decoding step reads a row instead of recomputing every angle. Held outside the module's fields
/// of type Tensor on purpose: RegisterComponents would make them buffers, and state_dict() must hold only weights.
/// </summary>
internal sealed class RotaryTableCache : IDisposable
{
    private readonly int _headDim, _maxPositions;
    private readonly double _theta;
    private readonly Dictionary<string, (Tensor Cos, Tensor Sin)> _tables = [];
    // Outgrown tables are kept, not disposed: another thread may be reading a view of them right now.
    private readonly List<Tensor> _retired = [];
    private readonly object _gate = new();

    public RotaryTableCache(int headDim, double theta, int maxPositions)
    {
        _headDim = headDim;
        _theta = theta;
        _maxPositions = maxPositions;
    }

    /// <summary>
    /// Tables [n, headDim] with n at least <paramref name="positions"/>, owned by the cache. Angles are computed in
    /// double and rounded to float32 as before; a half-precision model gets them rounded once more to its own type,
    /// as Hugging Face does, so that q and k keep the type of v.
    /// </summary>
    public (Tensor Cos, Tensor Sin) AtLeast(long positions, Device device, ScalarType dtype)
    {
        if (positions > _maxPositions)
            throw new ArgumentOutOfRangeException(nameof(positions),
                $"Position {positions - 1} is beyond max_position_embeddings ({_maxPositions}).");
        string key = $"{device.type}:{device.index}:{dtype}";
        lock (_gate)
        {
            if (_tables.TryGetValue(key, out var held) && held.Cos.shape[0] >= positions)
                return held;
            long length = Math.Min(_maxPositions, Math.Max(Math.Max(positions, 256), 2 * (held.Cos?.shape[0] ?? 0)));
            // Normal tensors even under inference mode: an inference tensor saved for backward in a later training
            // forward would be rejected by autograd.
            using (torch.inference_mode(false))
            {
                using var scope = torch.NewDisposeScope();
                var (cos, sin) = Rotary.Tables(length, _headDim, _theta, device);
                // Outlive the scope the first forward runs in.
                var fresh = (cos.to_type(dtype).DetachFromDisposeScope(), sin.to_type(dtype).DetachFromDisposeScope());
                if (held.Cos is not null)
                    _retired.AddRange([held.Cos, held.Sin]);
                _tables[key] = fresh;
                return fresh;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (cos, sin) in _tables.Values)
            {
                cos.Dispose();
                sin.Dispose();
            }
            _tables.Clear();
            foreach (var table in _retired)
                table.Dispose();
            _retired.Clear();
        }
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

    /// <summary>
    /// cos/sin are [seq, headDim] when every row shares positions, or [batch, 1, seq, headDim] per row.
    /// With a mask (bool, true = may attend, broadcastable to [batch, heads, seq, keys]) <paramref name="causal"/>
    /// must be false. With a cache, this layer's new keys and values are appended and attention reads all of them.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask = null, bool causal = true,
        KeyValueCache? cache = null, int layer = 0)
    {
        long batch = x.shape[0], seq = x.shape[1];

        // [batch, seq, heads*dim] -> [batch, heads, seq, dim]: attention works per head.
        var q = q_proj.forward(x).view(batch, seq, _heads, _headDim).transpose(1, 2);
        var k = k_proj.forward(x).view(batch, seq, _kvHeads, _headDim).transpose(1, 2);
        var v = v_proj.forward(x).view(batch, seq, _kvHeads, _headDim).transpose(1, 2);

        // Position enters only through q and k, so attention scores depend on relative offsets.
        q = Rotary.Apply(q, cos, sin);
        k = Rotary.Apply(k, cos, sin);

        // Cached before the group repeat, so the cache holds only the key/value heads.
        if (cache is not null)
            (k, v) = cache.Append(layer, k, v);

        // Query head h reads key/value head h / groupSize; repeat_interleave lays the copies out in that order.
        int groupSize = _heads / _kvHeads;
        if (groupSize > 1)
        {
            k = k.repeat_interleave(groupSize, dim: 1);
            v = v.repeat_interleave(groupSize, dim: 1);
        }

        // Scaled by 1/sqrt(headDim). SDPA's built-in causal mask is aligned to the top-left corner, which is right
        // only when queries and keys start at the same position; after a cache the caller passes a mask instead.
        var y = functional.scaled_dot_product_attention(q, k, v, attn_mask: mask, is_casual: causal);

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

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask = null, bool causal = true,
        KeyValueCache? cache = null, int layer = 0)
    {
        x = x + self_attn.Forward(input_layernorm.forward(x), cos, sin, mask, causal, cache, layer);
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

    /// <summary>A parameter that is read without creating a tensor handle, for asking where the weights are.</summary>
    internal Parameter FinalNormWeight => norm.Weight;

    /// <summary>ids [batch, seq] -> normalized hidden states [batch, seq, hidden].</summary>
    public Tensor Forward(Tensor ids, Tensor cos, Tensor sin, Tensor? mask = null, bool causal = true,
        KeyValueCache? cache = null)
    {
        var x = embed_tokens.forward(ids);
        for (int i = 0; i < layers.Count; i++)
            x = layers[i].Forward(x, cos, sin, mask, causal, cache, i);
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
    private readonly RotaryTableCache _rotary;

    public LlamaConfig Config { get; }

    public LlamaModel(LlamaConfig config) : base(nameof(LlamaModel))
    {
        config.Validate();
        Config = config;
        model = new LlamaBody(config);
        if (!config.TieWordEmbeddings)
            lm_head = Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        _rotary = new RotaryTableCache(config.HeadDim, config.RopeTheta, config.MaxPositionEmbeddings);
        RegisterComponents();
    }

    /// <summary>Where the weights are, and so where inputs must go.</summary>
    public Device Device => model.FinalNormWeight.device;

    /// <summary>The weights' element type, which rotary tables and cached keys and values take too.</summary>
    public ScalarType DType => model.FinalNormWeight.dtype;

    public override Tensor forward(Tensor ids)
    {
        if (ids.dim() != 2)
            throw new ArgumentException($"Input ids must be [batch, seq]; got {ids.dim()} dimensions.", nameof(ids));
        long seq = ids.shape[1];
        if (seq > Config.MaxPositionEmbeddings)
            throw new ArgumentException($"Sequence length {seq} exceeds max_position_embeddings ({Config.MaxPositionEmbeddings}).", nameof(ids));

        using var scope = torch.NewDisposeScope();
        // One table shared by every layer; it is not a buffer, so it stays out of state_dict().
        var (cosAll, sinAll) = _rotary.AtLeast(seq, ids.device, DType);
        var hidden = model.Forward(ids, cosAll.narrow(0, 0, seq), sinAll.narrow(0, 0, seq));
        return Project(hidden).MoveToOuterDisposeScope();
    }

    /// <summary>An empty cache for <see cref="Forward(Tensor, KeyValueCache, Tensor?)"/>, holding up to <paramref name="capacity"/> positions per row.</summary>
    public KeyValueCache CreateCache(long batch, long capacity) => new(Config, batch, capacity);

    /// <summary>
    /// Incremental forward: runs only the new ids [batch, seq] against the keys and values already in
    /// <paramref name="cache"/>, appends theirs, and returns logits [batch, seq, vocab] for the new positions.
    /// <paramref name="attentionMask"/> [batch, seq] (bool or integer, nonzero = real token) marks padding among the
    /// new ids only; the cache remembers earlier padding. Each row's positions count only its real tokens, so a
    /// left-padded row sees the same positions as it would alone. Never records gradients: a cache is for inference.
    /// </summary>
    public Tensor Forward(Tensor ids, KeyValueCache cache, Tensor? attentionMask = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (ids.dim() != 2)
            throw new ArgumentException($"Input ids must be [batch, seq]; got {ids.dim()} dimensions.", nameof(ids));
        long batch = ids.shape[0], seq = ids.shape[1];
        if (seq == 0)
            throw new ArgumentException("Input ids hold no positions.", nameof(ids));
        cache.CheckMatches(Config, batch);
        var step = cache.Plan(seq, attentionMask is null ? null : ReadMask(attentionMask, batch, seq));
        if (step.MaxPosition >= Config.MaxPositionEmbeddings)
            throw new ArgumentException(
                $"Position {step.MaxPosition} is beyond max_position_embeddings ({Config.MaxPositionEmbeddings}).", nameof(ids));

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var device = ids.device;
        var (cosAll, sinAll) = _rotary.AtLeast(step.MaxPosition + 1, device, DType);
        Tensor cos, sin;
        if (step.Positions is null)
        {
            cos = cosAll.narrow(0, step.Offset, seq);
            sin = sinAll.narrow(0, step.Offset, seq);
        }
        else
        {
            // Rows disagree on positions once one is padded: gather a table row per token, broadcast over heads.
            var positions = torch.tensor(step.Positions, [batch * seq], device: device);
            cos = cosAll.index_select(0, positions).view(batch, 1, seq, Config.HeadDim);
            sin = sinAll.index_select(0, positions).view(batch, 1, seq, Config.HeadDim);
        }
        var (mask, causal) = step.AttentionMask(device);
        var hidden = model.Forward(ids, cos, sin, mask, causal, cache);
        var logits = Project(hidden);
        cache.Commit(step);
        return logits.MoveToOuterDisposeScope();
    }

    private Tensor Project(Tensor hidden) => lm_head is null
        ? functional.linear(hidden, model.EmbeddingWeight)
        : lm_head.forward(hidden);

    private static bool[] ReadMask(Tensor attentionMask, long batch, long seq)
    {
        if (attentionMask.dim() != 2 || attentionMask.shape[0] != batch || attentionMask.shape[1] != seq)
            throw new ArgumentException(
                $"The attention mask must be [batch, seq] = [{batch}, {seq}] like the ids; got [{string.Join(", ", attentionMask.shape)}].",
                nameof(attentionMask));
        using var scope = torch.NewDisposeScope();
        return attentionMask.ne(0).cpu().contiguous().data<bool>().ToArray();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _rotary.Dispose();
        base.Dispose(disposing);
    }
}
